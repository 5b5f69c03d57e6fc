import { CheckCircleOutlined, EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Progress,
  Radio,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bin, BinKind } from '../../../../src-main/api/contract';
import { api, fieldsOf, reportError, ui } from '../../api';
import { useRelocalizeErrors } from '../../components/useRelocalizeErrors';
import { useCan } from '../../stores/session';
import { useWarehouse } from '../../stores/warehouse';
import { binAdvice } from './binAdvice';

const BIN_CODE = /^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

/** 库位管理: the shelf locations, how full each is, and retiring the ones no longer used. */
export function BinsPage() {
  const { t } = useTranslation();
  const bins = useWarehouse((s) => s.bins);
  const advice = useMemo(() => {
    const a = binAdvice(bins);
    // Empty bins alone are no news in a warehouse that is still being set up.
    return a.over.length || a.underused.length ? a : null;
  }, [bins]);
  /** At most five codes, then "等 N 个". */
  const listOf = (list: Bin[], label: (b: Bin) => string) =>
    list.length <= 5
      ? list.map(label).join('、')
      : `${list.slice(0, 5).map(label).join('、')} ${t('warehouse.bins.adviceMore', { count: list.length - 5 })}`;
  const loading = useWarehouse((s) => s.binsLoading);
  const loaded = useWarehouse((s) => s.binsLoaded);
  const error = useWarehouse((s) => s.binsError);
  const loadBins = useWarehouse((s) => s.loadBins);
  const canEdit = useCan('warehouse.bins');
  const [showRetired, setShowRetired] = useState(false);
  const [dialog, setDialog] = useState<{ bin: Bin | null } | null>(null);

  useEffect(() => {
    void loadBins();
  }, [loadBins]);

  const rows = useMemo(
    () =>
      bins
        .filter((b) => showRetired || !b.retired)
        .sort(
          (a, b) =>
            Number(a.retired) - Number(b.retired) ||
            a.walkOrder - b.walkOrder ||
            a.code.localeCompare(b.code),
        ),
    [bins, showRetired],
  );
  const retiredCount = bins.filter((b) => b.retired).length;

  function confirmRetired(bin: Bin, retired: boolean) {
    ui().modal.confirm({
      title: retired
        ? t('warehouse.bins.retireTitle', { code: bin.code })
        : t('warehouse.bins.restoreTitle', { code: bin.code }),
      content: retired ? t('warehouse.bins.retireBody') : t('warehouse.bins.restoreBody'),
      okText: retired ? t('warehouse.bins.retire') : t('warehouse.bins.restore'),
      okButtonProps: { danger: retired, 'data-testid': 'wh-bin-retire-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.warehouse.setBinRetired({ id: bin.id, retired });
          ui().message.success(
            retired
              ? t('warehouse.bins.retiredDone', { code: bin.code })
              : t('warehouse.bins.restoredDone', { code: bin.code }),
          );
        } catch (e) {
          reportError(e);
        } finally {
          void loadBins();
        }
      },
    });
  }

  const columns: TableProps<Bin>['columns'] = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('warehouse.bins.code'),
      width: 130,
      render: (v: string) => <span className="num">{v}</span>,
    },
    { key: 'zone', dataIndex: 'zone', title: t('warehouse.bins.zone'), width: 110, ellipsis: true },
    {
      key: 'kind',
      dataIndex: 'kind',
      title: t('warehouse.bins.kind'),
      width: 80,
      render: (v: BinKind) =>
        v === 'defects' ? (
          <Tag color="orange">{t('warehouse.kinds.defects')}</Tag>
        ) : (
          t('warehouse.kinds.normal')
        ),
    },
    {
      key: 'capacity',
      dataIndex: 'capacity',
      title: t('warehouse.bins.capacity'),
      width: 100,
      align: 'right',
      render: (v: number | null) =>
        v === null ? (
          <Typography.Text type="secondary">{t('warehouse.bins.noLimit')}</Typography.Text>
        ) : (
          <span className="num">{v}</span>
        ),
    },
    {
      key: 'onHand',
      dataIndex: 'onHand',
      title: t('warehouse.bins.onHand'),
      width: 96,
      align: 'right',
      render: (v: number) => <span className="num">{v}</span>,
    },
    {
      key: 'skuCount',
      dataIndex: 'skuCount',
      title: t('warehouse.bins.skuCount'),
      width: 80,
      align: 'right',
      render: (v: number) => <span className="num">{v}</span>,
    },
    {
      key: 'fill',
      title: t('warehouse.bins.fill'),
      width: 180,
      render: (_, b) =>
        b.fillRatio === null ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <span className="wh-fill" title={b.fillRatio > 1 ? t('warehouse.bins.over') : undefined}>
            <Progress
              percent={Math.min(100, Math.round(b.fillRatio * 100))}
              showInfo={false}
              size="small"
              status={b.fillRatio > 1 ? 'exception' : 'normal'}
              strokeColor={b.fillRatio > 1 ? undefined : b.fillRatio >= 0.9 ? '#fa8c16' : undefined}
              aria-label={t('warehouse.bins.fill')}
            />
            <span className={`wh-fill__text num${b.fillRatio > 1 ? ' wh-qty-out' : ''}`}>
              {Math.round(b.fillRatio * 100)}%
            </span>
          </span>
        ),
    },
    {
      key: 'status',
      title: t('warehouse.bins.status'),
      width: 86,
      render: (_, b) =>
        b.retired ? (
          <Tag>{t('warehouse.bins.retired')}</Tag>
        ) : (
          <Tag color="success">{t('warehouse.bins.inUse')}</Tag>
        ),
    },
    { key: 'note', dataIndex: 'note', title: t('warehouse.bins.note'), ellipsis: true },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, b: Bin) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setDialog({ bin: b })}
                  data-testid={`wh-bin-edit-${b.code}`}
                >
                  {t('warehouse.bins.edit')}
                </Button>
                {b.retired ? (
                  <Button
                    type="link"
                    size="small"
                    icon={<CheckCircleOutlined />}
                    onClick={() => confirmRetired(b, false)}
                    data-testid={`wh-bin-restore-${b.code}`}
                  >
                    {t('warehouse.bins.restore')}
                  </Button>
                ) : (
                  <Button
                    type="link"
                    size="small"
                    danger
                    icon={<StopOutlined />}
                    onClick={() => confirmRetired(b, true)}
                    data-testid={`wh-bin-retire-${b.code}`}
                  >
                    {t('warehouse.bins.retire')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div className="wh-page" data-testid="wh-bins">
      <div className="page-head">
        <Typography.Text type="secondary">{t('warehouse.bins.intro')}</Typography.Text>
        <Space>
          {retiredCount > 0 && (
            <label>
              <Space size={6}>
                <Switch
                  size="small"
                  checked={showRetired}
                  onChange={setShowRetired}
                  data-testid="wh-bin-show-retired"
                />
                {t('warehouse.bins.showRetired')}
              </Space>
            </label>
          )}
          {canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ bin: null })}
              data-testid="wh-bin-new"
            >
              {t('warehouse.bins.new')}
            </Button>
          )}
        </Space>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {advice && (
        <Alert
          type={advice.over.length ? 'warning' : 'info'}
          showIcon
          title={t('warehouse.bins.adviceTitle')}
          description={
            <ul className="wh-advice">
              {advice.over.length > 0 && (
                <li>
                  {t('warehouse.bins.adviceOver', {
                    bins: listOf(advice.over, (b) => `${b.code}（${b.onHand}/${b.capacity}）`),
                  })}
                </li>
              )}
              {advice.underused.length > 0 && (
                <li>
                  {t('warehouse.bins.adviceUnderused', { bins: listOf(advice.underused, (b) => b.code) })}
                </li>
              )}
              {advice.empty.length > 0 && (
                <li>
                  {t('warehouse.bins.adviceEmpty', {
                    count: advice.empty.length,
                    bins: listOf(advice.empty, (b) => b.code),
                  })}
                </li>
              )}
            </ul>
          }
          style={{ marginBottom: 12 }}
          data-testid="wh-bin-advice"
        />
      )}
      <Table<Bin>
        data-testid="wh-bin-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading && !loaded}
        pagination={false}
        scroll={{ x: 1080 }}
        rowClassName={(b) => (b.retired ? 'row-muted' : '')}
        onRow={(b) => ({ 'data-testid': `wh-bin-row-${b.code}` }) as HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: loaded ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={canEdit ? t('warehouse.bins.empty') : t('warehouse.bins.emptyReadOnly')}
            />
          ) : (
            <span />
          ),
        }}
      />
      {dialog && (
        <BinDialog bin={dialog.bin} onClose={() => setDialog(null)} onSaved={() => void loadBins()} />
      )}
    </div>
  );
}

interface BinValues {
  code: string;
  zone: string;
  kind: BinKind;
  capacity: number | null;
  walkOrder: number | null;
  note: string;
}

function BinDialog({ bin, onClose, onSaved }: { bin: Bin | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<BinValues>();
  useRelocalizeErrors(form);
  const [busy, setBusy] = useState(false);

  async function submit() {
    let v: BinValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const saved = await api.warehouse.saveBin({
        ...(bin ? { id: bin.id, expectedVersion: bin.version } : {}),
        code: v.code.trim(),
        zone: (v.zone ?? '').trim(),
        kind: v.kind,
        capacity: v.capacity ?? null,
        ...(v.walkOrder !== null && v.walkOrder !== undefined ? { walkOrder: v.walkOrder } : {}),
        note: (v.note ?? '').trim(),
      });
      ui().message.success(
        bin
          ? t('warehouse.bins.saved', { code: saved.code })
          : t('warehouse.bins.created', { code: saved.code }),
      );
      onSaved();
      onClose();
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['code', 'zone', 'kind', 'capacity', 'walkOrder', 'note']) });
      onSaved();
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={bin ? t('warehouse.bins.editTitle', { code: bin.code }) : t('warehouse.bins.createTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'wh-bin-save' }}
      destroyOnHidden
      width={520}
    >
      <Form<BinValues>
        form={form}
        layout="vertical"
        disabled={busy}
        onFinish={submit}
        initialValues={
          bin
            ? {
                code: bin.code,
                zone: bin.zone,
                kind: bin.kind,
                capacity: bin.capacity,
                walkOrder: bin.walkOrder,
                note: bin.note,
              }
            : { kind: 'normal', capacity: null, walkOrder: null }
        }
      >
        <div className="form-row-2">
          <Form.Item
            name="code"
            label={t('warehouse.bins.code')}
            normalize={(v: string) => v.toUpperCase()}
            rules={[
              { required: true, whitespace: true, message: t('warehouse.bins.codeRequired') },
              {
                validator: (_r, v: string | undefined) =>
                  !v || !v.trim() || BIN_CODE.test(v.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('warehouse.bins.codeFormat'))),
              },
            ]}
          >
            <Input
              data-testid="wh-bin-code"
              placeholder={t('warehouse.bins.codePlaceholder')}
              maxLength={32}
              className="code-input"
              autoFocus
            />
          </Form.Item>
          <Form.Item name="zone" label={t('warehouse.bins.zone')}>
            <Input
              data-testid="wh-bin-zone"
              placeholder={t('warehouse.bins.zonePlaceholder')}
              maxLength={40}
            />
          </Form.Item>
        </div>
        <Form.Item name="kind" label={t('warehouse.bins.kind')} extra={t('warehouse.bins.kindHelp')}>
          <Radio.Group
            data-testid="wh-bin-kind"
            options={[
              { value: 'normal', label: t('warehouse.kinds.normal') },
              { value: 'defects', label: t('warehouse.kinds.defects') },
            ]}
          />
        </Form.Item>
        <div className="form-row-2">
          <Form.Item
            name="capacity"
            label={t('warehouse.bins.capacity')}
            extra={t('warehouse.bins.capacityHelp')}
          >
            <InputNumber
              data-testid="wh-bin-capacity"
              placeholder={t('warehouse.bins.capacityPlaceholder')}
              min={1}
              max={100_000_000}
              precision={0}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item
            name="walkOrder"
            label={t('warehouse.bins.walkOrder')}
            extra={t('warehouse.bins.walkOrderHelp')}
          >
            <InputNumber
              data-testid="wh-bin-walk"
              placeholder={t('warehouse.bins.walkOrderPlaceholder')}
              min={0}
              max={1_000_000_000}
              precision={0}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t('warehouse.bins.note')}>
          <Input
            data-testid="wh-bin-note"
            placeholder={t('warehouse.bins.notePlaceholder')}
            maxLength={500}
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
