import { DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type InputRef,
  type TableProps,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INQUIRY_BACKDATE_DAYS,
  INQUIRY_OUTCOMES,
  QUESTION_TYPES,
  type Inquiry,
  type InquiryFilter,
  type InquiryOutcome,
  type InquiryPage,
  type QuestionType,
} from '../../../../src-main/api/contract-presales';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { SkuSelect } from '../warehouse/pickers';
import { BuyerOrderSelect, MemberInput } from './PresalesPickers';
import { ServiceDrawers } from './ServiceDrawers';
import { useServiceUi } from './state';

export const OUTCOME_COLOR: Record<InquiryOutcome, string> = {
  ordered: 'green',
  not_ordered: 'default',
  pending: 'orange',
};

interface EntryValues {
  memberName: string;
  skuId?: string;
  question: QuestionType;
  outcome: InquiryOutcome;
  orderId?: string;
  note?: string;
  /** When it happened, for an inquiry logged after the fact (empty: now). */
  at?: dayjs.Dayjs | null;
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** 咨询记录: quick entry at the top (Enter saves, the form stays), the log, per-day conversion. */
export function PresalesInquiries() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const me = useSession((s) => s.session?.staff.id);
  const canWrite = useCan('presales.write');
  const anyTime = useCan('presales.manage');
  const version = useServiceUi((s) => s.version);
  const { openBuyer, openOrder, changed } = useServiceUi.getState();
  const [form] = Form.useForm<EntryValues>();
  const memberRef = useRef<InputRef>(null);
  const memberName = Form.useWatch('memberName', form) ?? '';
  const outcome = Form.useWatch('outcome', form);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<InquiryFilter>({
    from: dayjs().subtract(6, 'day').format('YYYY-MM-DD'),
    to: dayjs().format('YYYY-MM-DD'),
  });
  const [buyerName, setBuyerName] = useState('');
  const [paging, setPaging] = useState({ offset: 0, limit: 50 });
  const [data, setData] = useState<InquiryPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [settling, setSettling] = useState<Inquiry | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await api.presales.inquiries({ filter, ...paging });
      setData(page);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [filter, paging]);
  useEffect(() => {
    void load();
  }, [load, version]);

  async function save(v: EntryValues) {
    setBusy(true);
    try {
      const saved = await api.presales.inquiryCreate({
        memberName: v.memberName,
        question: v.question,
        outcome: v.outcome,
        note: v.note ?? '',
        ...(v.skuId ? { skuId: v.skuId } : {}),
        ...(v.orderId ? { orderId: v.orderId } : {}),
        ...(v.at ? { at: v.at.toISOString() } : {}),
      });
      ui().message.success(t('presales.saved', { name: saved.memberName }));
      form.resetFields();
      memberRef.current?.focus();
      changed();
    } catch (e) {
      reportError(e, {
        form,
        map: fieldsOf(['memberName', 'skuId', 'question', 'outcome', 'orderId', 'note', 'at']),
      });
    } finally {
      setBusy(false);
    }
  }

  const setF = (patch: Partial<InquiryFilter>) => {
    setPaging((p) => ({ ...p, offset: 0 }));
    setFilter((f) => {
      const next = { ...f, ...patch };
      for (const k of Object.keys(next) as (keyof InquiryFilter)[]) if (next[k] === undefined) delete next[k];
      return next;
    });
  };

  const columns: TableProps<Inquiry>['columns'] = [
    {
      key: 'at',
      title: t('presales.at'),
      width: 130,
      render: (_, r) => <span className="num">{formatDateTime(r.at, timeZone)}</span>,
    },
    {
      key: 'buyer',
      title: t('presales.buyer'),
      width: 130,
      ellipsis: true,
      render: (_, r) => <a onClick={() => openBuyer(r.buyerId)}>{r.memberName}</a>,
    },
    {
      key: 'product',
      title: t('presales.product'),
      ellipsis: true,
      render: (_, r) =>
        r.productTitle ? (
          <span title={`${r.skuCode} ${r.productTitle} ${r.skuSpec}`}>
            {r.productTitle}
            {r.skuSpec ? <Typography.Text type="secondary"> · {r.skuSpec}</Typography.Text> : null}
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'question',
      title: t('presales.question'),
      width: 110,
      render: (_, r) => t(`presales.questions.${r.question}`),
    },
    {
      key: 'outcome',
      title: t('presales.outcome'),
      width: 90,
      render: (_, r) => <Tag color={OUTCOME_COLOR[r.outcome]}>{t(`presales.outcomes.${r.outcome}`)}</Tag>,
    },
    {
      key: 'order',
      title: t('presales.order'),
      width: 170,
      render: (_, r) =>
        r.orderId ? (
          <a className="num" onClick={() => openOrder(r.orderId!)}>
            {r.orderNo}
          </a>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { key: 'agent', title: t('presales.agent'), width: 90, ellipsis: true, render: (_, r) => r.staffName },
    { key: 'note', title: t('presales.note'), ellipsis: true, render: (_, r) => r.note },
    ...(canWrite
      ? [
          {
            key: 'act',
            title: t('common.actions'),
            width: 100,
            render: (_: unknown, r: Inquiry) =>
              r.staffId === me && (r.outcome === 'pending' || (r.outcome === 'ordered' && !r.orderId)) ? (
                <Button
                  size="small"
                  onClick={() => setSettling(r)}
                  data-testid={`presales-settle-${r.memberName}`}
                >
                  {r.outcome === 'pending' ? t('presales.settle') : t('presales.linkOrder')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const stats = data?.stats;
  return (
    <div className="wh-page" data-testid="presales-inquiries">
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {canWrite && (
        <Card size="small" title={t('presales.entryTitle')} style={{ marginBottom: 12 }}>
          <Form<EntryValues>
            form={form}
            layout="inline"
            onFinish={save}
            initialValues={{ outcome: 'pending', question: undefined }}
            data-testid="presales-entry"
            style={{ rowGap: 8 }}
          >
            <Form.Item
              name="memberName"
              rules={[{ required: true, whitespace: true, message: t('presales.memberRequired') }]}
            >
              <MemberInput style={{ width: 150 }} placeholder={t('presales.memberPlaceholder')} autoFocus>
                <Input ref={memberRef} data-testid="presales-member" aria-label={t('presales.buyer')} />
              </MemberInput>
            </Form.Item>
            <Form.Item name="skuId">
              <SkuSelect
                allowClear
                style={{ width: 220 }}
                placeholder={t('presales.productPlaceholder')}
                data-testid="presales-sku"
                aria-label={t('presales.product')}
              />
            </Form.Item>
            <Form.Item name="question" rules={[{ required: true, message: t('presales.questionRequired') }]}>
              <Select<QuestionType>
                style={{ width: 130 }}
                placeholder={t('presales.question')}
                data-testid="presales-question"
                aria-label={t('presales.question')}
                options={QUESTION_TYPES.map((q) => ({ value: q, label: t(`presales.questions.${q}`) }))}
              />
            </Form.Item>
            <Form.Item name="outcome">
              <Select<InquiryOutcome>
                style={{ width: 100 }}
                data-testid="presales-outcome"
                aria-label={t('presales.outcome')}
                onChange={(v) => v !== 'ordered' && form.setFieldValue('orderId', undefined)}
                options={INQUIRY_OUTCOMES.map((o) => ({ value: o, label: t(`presales.outcomes.${o}`) }))}
              />
            </Form.Item>
            <Form.Item name="orderId">
              <BuyerOrderSelect
                memberName={memberName}
                disabled={outcome !== 'ordered'}
                style={{ width: 180 }}
                placeholder={t('presales.orderPlaceholder')}
                data-testid="presales-order"
                aria-label={t('presales.order')}
              />
            </Form.Item>
            <Form.Item name="at">
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: 170 }}
                placeholder={t('presales.atNow')}
                aria-label={t('presales.at')}
                data-testid="presales-at"
                disabledDate={(d) =>
                  d.isAfter(dayjs(), 'day') ||
                  (!anyTime && d.isBefore(dayjs().subtract(INQUIRY_BACKDATE_DAYS, 'day'), 'day'))
                }
              />
            </Form.Item>
            <Form.Item name="note">
              <Input
                style={{ width: 230 }}
                placeholder={t('presales.notePlaceholder')}
                data-testid="presales-note"
                maxLength={500}
              />
            </Form.Item>
            <Form.Item style={{ marginInlineEnd: 0 }}>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="presales-save">
                {t('presales.save')}
              </Button>
            </Form.Item>
          </Form>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('presales.entryHint')}
          </Typography.Text>
        </Card>
      )}
      <Card size="small" style={{ marginBottom: 12 }} title={t('presales.statsTitle')}>
        {stats && (
          <Space size={40} wrap align="start" data-testid="presales-stats">
            <Statistic title={t('presales.total')} value={stats.total} data-testid="presales-stat-total" />
            <Statistic
              title={t('presales.ordered')}
              value={stats.ordered}
              data-testid="presales-stat-ordered"
            />
            <Statistic
              title={t('presales.conversion')}
              value={percent(stats.conversion)}
              data-testid="presales-stat-conversion"
            />
            <Statistic title={t('presales.pending')} value={stats.pending} />
            <Statistic title={t('presales.notOrdered')} value={stats.notOrdered} />
            {stats.days.length > 0 && (
              <Table
                size="small"
                rowKey="day"
                pagination={false}
                data-testid="presales-days"
                style={{ width: 420 }}
                dataSource={stats.days}
                scroll={{ y: 150 }}
                columns={[
                  { key: 'day', title: t('presales.day'), dataIndex: 'day', width: 110 },
                  { key: 'total', title: t('presales.total'), dataIndex: 'total', width: 70, align: 'right' },
                  {
                    key: 'ordered',
                    title: t('presales.ordered'),
                    dataIndex: 'ordered',
                    width: 70,
                    align: 'right',
                  },
                  {
                    key: 'rate',
                    title: t('presales.conversion'),
                    width: 80,
                    align: 'right',
                    render: (_, d) => percent(d.total ? d.ordered / d.total : 0),
                  },
                ]}
              />
            )}
          </Space>
        )}
      </Card>
      <div className="toolbar" style={{ flexWrap: 'wrap', rowGap: 8 }}>
        <DatePicker.RangePicker
          aria-label={t('presales.range')}
          value={[filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null]}
          onChange={(v) =>
            setF({
              from: v?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: v?.[1]?.format('YYYY-MM-DD') ?? undefined,
            })
          }
        />
        <Select<string>
          allowClear
          style={{ width: 130 }}
          placeholder={t('presales.allAgents')}
          aria-label={t('presales.agent')}
          data-testid="presales-filter-agent"
          value={filter.staffId}
          onChange={(v) => setF({ staffId: v })}
          options={(data?.agents ?? []).map((a) => ({ value: a.id, label: a.name }))}
        />
        <Select<InquiryOutcome>
          allowClear
          style={{ width: 120 }}
          placeholder={t('presales.allOutcomes')}
          aria-label={t('presales.outcome')}
          data-testid="presales-filter-outcome"
          value={filter.outcome}
          onChange={(v) => setF({ outcome: v })}
          options={INQUIRY_OUTCOMES.map((o) => ({ value: o, label: t(`presales.outcomes.${o}`) }))}
        />
        <Select<QuestionType>
          allowClear
          style={{ width: 140 }}
          placeholder={t('presales.allQuestions')}
          aria-label={t('presales.question')}
          data-testid="presales-filter-question"
          value={filter.question}
          onChange={(v) => setF({ question: v })}
          options={QUESTION_TYPES.map((q) => ({ value: q, label: t(`presales.questions.${q}`) }))}
        />
        <Input.Search
          allowClear
          style={{ width: 200 }}
          placeholder={t('presales.buyerFilter')}
          aria-label={t('presales.buyerFilter')}
          data-testid="presales-filter-buyer"
          value={buyerName}
          onChange={(e) => {
            setBuyerName(e.target.value);
            if (!e.target.value) setF({ buyerId: undefined });
          }}
          onSearch={async (q) => {
            if (!q.trim()) return setF({ buyerId: undefined });
            try {
              const hit = await api.buyers.search({ q: q.trim(), limit: 1 });
              if (hit.rows[0]) setF({ buyerId: hit.rows[0].id });
              else ui().message.info(t('presales.buyerNotFound'));
            } catch (e) {
              reportError(e);
            }
          }}
        />
        <span style={{ marginLeft: 'auto' }} />
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="presales-export">
          {t('presales.export')}
        </Button>
      </div>
      <Table<Inquiry>
        data-testid="presales-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={data?.rows ?? []}
        scroll={{ x: 1100 }}
        locale={{
          emptyText: data ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('presales.empty')} />
          ) : (
            <span />
          ),
        }}
        onRow={(r) =>
          ({ 'data-testid': `presales-row-${r.memberName}` }) as React.HTMLAttributes<HTMLElement>
        }
        pagination={{
          current: Math.floor(paging.offset / paging.limit) + 1,
          pageSize: paging.limit,
          total: data?.total ?? 0,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, size) => setPaging({ offset: (p - 1) * size, limit: size }),
        }}
      />
      <SettleModal inquiry={settling} onClose={() => setSettling(null)} />
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('presales.exportBody', { count: data?.total ?? 0 })}
        run={(encoding) => api.presales.inquiriesExportCsv({ filter, encoding })}
      />
      <ServiceDrawers />
    </div>
  );
}

/** Change the outcome of one's own pending inquiry (or link the order of an 已下单 one). */
function SettleModal({ inquiry, onClose }: { inquiry: Inquiry | null; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ outcome: InquiryOutcome; orderId?: string; note?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const [busy, setBusy] = useState(false);
  async function submit(v: { outcome: InquiryOutcome; orderId?: string; note?: string }) {
    if (!inquiry) return;
    setBusy(true);
    try {
      await api.presales.inquirySetOutcome({
        id: inquiry.id,
        expectedVersion: inquiry.version,
        outcome: v.outcome,
        orderId: v.orderId ?? null,
        note: v.note ?? '',
      });
      ui().message.success(t('presales.settled'));
      useServiceUi.getState().changed();
      onClose();
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['outcome', 'orderId', 'note']) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={!!inquiry}
      title={t('presales.settleTitle', { name: inquiry?.memberName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'presales-settle-ok' } as never}
    >
      {inquiry && (
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            outcome: inquiry.outcome === 'pending' ? 'ordered' : inquiry.outcome,
            note: inquiry.note,
          }}
        >
          <Form.Item name="outcome" label={t('presales.outcome')}>
            <Select<InquiryOutcome>
              data-testid="presales-settle-outcome"
              options={INQUIRY_OUTCOMES.map((o) => ({ value: o, label: t(`presales.outcomes.${o}`) }))}
            />
          </Form.Item>
          <Form.Item name="orderId" label={t('presales.order')}>
            <BuyerOrderSelect
              memberName={inquiry.memberName}
              disabled={outcome !== 'ordered'}
              placeholder={t('presales.orderPlaceholder')}
              data-testid="presales-settle-order"
            />
          </Form.Item>
          <Form.Item name="note" label={t('presales.note')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
