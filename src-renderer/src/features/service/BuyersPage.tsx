import { DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Tag, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuyerRow, Paged } from '../../../../src-main/api/contract';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { useDebounce } from '../../components/useDebounce';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { ServiceDrawers } from './ServiceDrawers';
import { useServiceUi } from './state';
import { PagedTable } from '../../components/PagedTable';

/** 买家资料: search buyers (phones masked in the list), create one, export. */
export function BuyersPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canWrite = useCan('buyers.write');
  const fullExport = useCan('buyers.exportFull');
  const version = useServiceUi((s) => s.version);
  const { openBuyer, changed } = useServiceUi.getState();
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const [paging, setPaging] = useState({ offset: 0, limit: 50 });
  const [page, setPage] = useState<Paged<BuyerRow> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [form] = Form.useForm<{ memberName: string; realName?: string; phone?: string }>();
  const debounce = useDebounce(250);

  const load = useCallback(async () => {
    try {
      const found = await api.buyers.search({ q, ...paging });
      setPage(found);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [q, paging]);
  useEffect(() => {
    void load();
  }, [load, version]);

  async function create(v: { memberName: string; realName?: string; phone?: string }) {
    try {
      const b = await api.buyers.save({
        memberName: v.memberName,
        realName: v.realName ?? '',
        phones: v.phone ? [v.phone] : [],
      });
      ui().message.success(t('buyers.saved'));
      setCreating(false);
      form.resetFields();
      changed();
      openBuyer(b.id);
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['memberName', 'realName', 'phones'], { phones: 'phone' }) });
    }
  }

  const columns: TableProps<BuyerRow>['columns'] = [
    { key: 'member', dataIndex: 'memberName', title: t('buyers.memberName'), width: 180, ellipsis: true },
    { key: 'name', dataIndex: 'realName', title: t('buyers.realName'), width: 100 },
    {
      key: 'phones',
      title: t('buyers.phones'),
      width: 150,
      render: (_, r) => <span className="num">{r.phones.join('、')}</span>,
    },
    {
      key: 'tags',
      title: t('buyers.tags'),
      render: (_, r) => (
        <span>
          {r.vipLevel > 0 && <Tag color="gold">VIP{r.vipLevel}</Tag>}
          {r.tags.map((x) => (
            <Tag key={x}>{x}</Tag>
          ))}
        </span>
      ),
    },
    { key: 'orders', dataIndex: 'orderCount', title: t('buyers.orderCount'), width: 80, align: 'right' },
    {
      key: 'last',
      title: t('buyers.lastOrder'),
      width: 150,
      render: (_, r) => <span className="num">{formatDateTime(r.lastOrderAt, timeZone) || '—'}</span>,
    },
  ];

  return (
    <div className="wh-page" data-testid="svc-buyers">
      <div className="toolbar" role="search">
        <Input
          style={{ width: 340 }}
          data-testid="svc-buyer-search"
          aria-label={t('buyers.searchLabel')}
          placeholder={t('buyers.searchPlaceholder')}
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={text}
          maxLength={64}
          onChange={(e) => {
            setText(e.target.value);
            const v = e.target.value.trim();
            debounce.schedule(() => {
              setQ(v);
              setPaging((p) => ({ ...p, offset: 0 }));
            });
          }}
        />
        <span style={{ marginLeft: 'auto' }} />
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="svc-buyer-export">
          {t('buyers.export')}
        </Button>
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="svc-buyer-new"
          >
            {t('buyers.new')}
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <PagedTable<BuyerRow>
        testId="svc-buyer-table"
        columns={columns}
        page={page}
        scrollX={900}
        empty={q ? t('buyers.noMatch') : t('buyers.empty')}
        offset={paging.offset}
        limit={paging.limit}
        onPage={(offset, limit) => setPaging({ offset, limit })}
        onOpen={(r) => openBuyer(r.id)}
        rowTestId={(r) => `svc-buyer-row-${r.memberName}`}
      />
      <Modal
        open={creating}
        title={t('buyers.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('buyers.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item
            name="memberName"
            label={t('buyers.memberName')}
            rules={[{ required: true, whitespace: true, message: t('errors.validation.required') }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="realName" label={t('buyers.realName')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="phone" label={t('buyers.phones')}>
            <Input maxLength={24} inputMode="tel" />
          </Form.Item>
        </Form>
      </Modal>
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={
          <>
            {t('buyers.exportBody', { count: page?.total ?? 0 })}
            {!fullExport && <Typography.Text type="secondary"> {t('buyers.exportMasked')}</Typography.Text>}
          </>
        }
        run={(encoding) => api.buyers.exportCsv({ q, encoding })}
      />
      <ServiceDrawers />
    </div>
  );
}
