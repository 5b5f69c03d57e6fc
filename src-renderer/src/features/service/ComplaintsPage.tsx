import { BellOutlined, DownloadOutlined, PlusOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow, Paged } from '../../../../src-main/api/contract';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_SEVERITIES,
  type ComplaintAnalysis,
  type ComplaintNotices,
  type ComplaintRow,
  type ComplaintSeverity,
} from '../../../../src-main/api/contract-complaints';
import { api, errorText, reportError } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { ComplaintDeadlinesModal } from './ComplaintDeadlinesModal';
import { ComplaintDrawer } from './ComplaintDrawer';
import { useComplaintNotices } from './ComplaintsTabLabel';
import { ServiceDrawers } from './ServiceDrawers';

export const SEVERITY_COLOR: Record<ComplaintSeverity, string> = {
  normal: 'default',
  major: 'orange',
  severe: 'red',
};

/** 投诉登记 (§14): the register, notices of severe complaints, and the weekly/monthly report. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canWrite = useCan('complaints.write');
  const canDeadlines = useCan('complaints.deadlines');
  const [deadlines, setDeadlines] = useState(false);
  // The page stays mounted while people switch: reload (and close what was open) for the next person.
  const staffId = useSession((s) => s.session?.staff.id);
  const [filter, setFilter] = useState<{ status?: 'active' | 'archived'; overdueOnly: boolean }>({
    status: 'active',
    overdueOnly: false,
  });
  const [page, setPage] = useState<Paged<ComplaintRow> | null>(null);
  const [notices, setNotices] = useState<ComplaintNotices | null>(null);
  const [period, setPeriod] = useState<'week' | 'month'>('week');
  const [analysis, setAnalysis] = useState<ComplaintAnalysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [showNotices, setShowNotices] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [tick, setTick] = useState(0);
  const reload = () => setTick((n) => n + 1);

  const load = useCallback(async () => {
    if (!staffId) return;
    try {
      const from = dayjs()
        .startOf(period === 'week' ? 'week' : 'month')
        .format('YYYY-MM-DD');
      const to = dayjs()
        .endOf(period === 'week' ? 'week' : 'month')
        .format('YYYY-MM-DD');
      const [p, n, a] = await Promise.all([
        api.complaints.list({ filter: { q: '', ...filter }, offset: 0, limit: 200 }),
        api.complaints.notices({}),
        api.complaints.analysis({ from, to }),
      ]);
      setPage(p);
      setNotices(n);
      useComplaintNotices.setState({ unread: n.unread });
      setAnalysis(a);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [filter, period, staffId]);
  useEffect(() => {
    void load();
  }, [load, tick]);
  useEffect(() => {
    setOpenId(null);
    setCreating(false);
    setShowNotices(false);
  }, [staffId]);

  async function openNotice(id: string, complaintId: string) {
    try {
      const n = await api.complaints.readNotices({ ids: [id] });
      setNotices(n);
      useComplaintNotices.setState({ unread: n.unread });
    } catch (e) {
      reportError(e);
    }
    setShowNotices(false);
    setOpenId(complaintId);
  }

  const columns: TableProps<ComplaintRow>['columns'] = [
    {
      key: 'no',
      title: t('complaints.no'),
      width: 200,
      render: (_, r) => <span className="num">{r.complaintNo}</span>,
    },
    {
      key: 'at',
      title: t('complaints.receivedAt'),
      width: 140,
      render: (_, r) => formatDateTime(r.receivedAt, timeZone),
    },
    {
      key: 'buyer',
      title: t('complaints.buyer'),
      width: 130,
      ellipsis: true,
      render: (_, r) => r.memberName,
    },
    {
      key: 'category',
      title: t('complaints.category'),
      width: 100,
      render: (_, r) => t(`complaints.categories.${r.category}`),
    },
    {
      key: 'severity',
      title: t('complaints.severity'),
      width: 80,
      render: (_, r) => (
        <Tag color={SEVERITY_COLOR[r.severity]}>{t(`complaints.severities.${r.severity}`)}</Tag>
      ),
    },
    { key: 'desc', title: t('complaints.description'), ellipsis: true, render: (_, r) => r.description },
    { key: 'handler', title: t('complaints.handler'), width: 90, render: (_, r) => r.handlerName ?? '' },
    {
      key: 'status',
      title: t('complaints.status'),
      width: 150,
      render: (_, r) => (
        <Space size={4}>
          <Tag>{t(`complaints.statuses.${r.status}`)}</Tag>
          {r.status !== 'archived' && (r.responseOverdue || r.resolveOverdue) && (
            <Tag color="red" data-testid="cmp-overdue">
              {t('complaints.overdue')}
            </Tag>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('complaints.title')}
        </Typography.Title>
        {canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="cmp-new"
          >
            {t('complaints.new')}
          </Button>
        )}
        <Button icon={<BellOutlined />} onClick={() => setShowNotices(true)} data-testid="cmp-notices">
          {t('complaints.notices')}
          {(notices?.unread ?? 0) > 0 && (
            <Badge count={notices?.unread} size="small" data-testid="cmp-notice-badge" />
          )}
        </Button>
        <Radio.Group
          value={filter.overdueOnly ? 'overdue' : (filter.status ?? 'all')}
          onChange={(e) => {
            const v = e.target.value as string;
            setFilter(
              v === 'overdue'
                ? { overdueOnly: true }
                : { overdueOnly: false, ...(v === 'all' ? {} : { status: v as 'active' | 'archived' }) },
            );
          }}
          optionType="button"
          options={[
            { value: 'active', label: t('complaints.filterActive') },
            { value: 'overdue', label: t('complaints.overdue') },
            { value: 'archived', label: t('complaints.statuses.archived') },
            { value: 'all', label: t('complaints.filterAll') },
          ]}
        />
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="cmp-export">
          {t('complaints.export')}
        </Button>
        {canDeadlines && (
          <Button icon={<SettingOutlined />} onClick={() => setDeadlines(true)} data-testid="cmp-deadlines">
            {t('complaints.deadlines')}
          </Button>
        )}
      </Space>
      <ComplaintDeadlinesModal open={deadlines} onClose={() => setDeadlines(false)} />
      {error && <Alert type="error" title={error} />}
      <Table<ComplaintRow>
        size="small"
        rowKey="id"
        data-testid="cmp-table"
        columns={columns}
        dataSource={page?.rows ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        scroll={{ x: 1000 }}
      />
      <Card
        size="small"
        title={t('complaints.report')}
        extra={
          <Radio.Group
            value={period}
            onChange={(e) => setPeriod(e.target.value as 'week' | 'month')}
            optionType="button"
            size="small"
            options={[
              { value: 'week', label: t('complaints.thisWeek') },
              { value: 'month', label: t('complaints.thisMonth') },
            ]}
          />
        }
        data-testid="cmp-report"
      >
        {analysis && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space size="large" wrap>
              <Statistic title={t('complaints.total')} value={analysis.total} />
              <Statistic title={t('complaints.severities.severe')} value={analysis.severe} />
              <Statistic title={t('complaints.resolvedCount')} value={analysis.resolved} />
              <Statistic title={t('complaints.overdue')} value={analysis.overdue} />
              <Statistic
                title={t('complaints.avgResolve')}
                value={
                  analysis.avgResolveMinutes === null
                    ? '—'
                    : analysis.avgResolveMinutes < 60
                      ? t('complaints.minutes', { m: analysis.avgResolveMinutes })
                      : t('complaints.hours', { h: (analysis.avgResolveMinutes / 60).toFixed(1) })
                }
              />
              <Statistic title={t('complaints.avgSatisfaction')} value={analysis.avgSatisfaction ?? '—'} />
            </Space>
            <Typography.Text type="secondary">
              {t('complaints.byCategory')}：
              {analysis.byCategory
                .map((c) => `${t(`complaints.categories.${c.category}`)} ${c.count}`)
                .join('　')}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('complaints.byProduct')}：
              {analysis.byProduct
                .map((c) => `${c.product || t('complaints.noProduct')} ${c.count}`)
                .join('　')}
            </Typography.Text>
            <Typography.Text type="secondary">
              {t('complaints.byAgent')}：
              {analysis.byAgent
                .map((a) =>
                  a.avgSatisfaction !== null
                    ? t('complaints.agentLineRated', { name: a.name, count: a.count, s: a.avgSatisfaction })
                    : t('complaints.agentLine', { name: a.name, count: a.count }),
                )
                .join('　')}
            </Typography.Text>
          </Space>
        )}
      </Card>
      {creating && (
        <NewComplaintModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            reload();
            setOpenId(id);
          }}
        />
      )}
      <Modal
        open={showNotices}
        title={t('complaints.notices')}
        footer={null}
        width={640}
        onCancel={() => setShowNotices(false)}
      >
        <List
          data-testid="cmp-notice-list"
          dataSource={notices?.rows ?? []}
          locale={{ emptyText: t('complaints.noNotices') }}
          renderItem={(n) => (
            <List.Item
              onClick={() => void openNotice(n.id, n.complaintId)}
              style={{ cursor: 'pointer', fontWeight: n.read ? 400 : 600 }}
            >
              <Space style={{ whiteSpace: 'nowrap' }}>
                <Tag color="red">{t('complaints.severities.severe')}</Tag>
                <span className="num">{n.complaintNo}</span>
                <span>{n.memberName}</span>
                <span>{t(`complaints.categories.${n.category}`)}</span>
                <Typography.Text type="secondary">{formatDateTime(n.at, timeZone)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      </Modal>
      <ServiceDrawers />
      {openId && <ComplaintDrawer id={openId} onClose={() => setOpenId(null)} onChanged={reload} />}
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('complaints.exportBody', { count: page?.total ?? 0 })}
        run={(encoding) => api.complaints.exportCsv({ filter: { q: '', ...filter }, encoding })}
      />
    </Space>
  );
}

function NewComplaintModal({ onClose, onCreated }: { onClose(): void; onCreated(id: string): void }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [orders, setOrders] = useState<OrderRow[]>([]);
  const [orderId, setOrderId] = useState<string | undefined>();
  const [skuId, setSkuId] = useState<string | undefined>();
  const searchOrders = useCallback(async (q: string) => {
    try {
      setOrders((await api.orders.list({ filter: { q: q.trim() }, offset: 0, limit: 20 })).rows);
    } catch (e) {
      reportError(e);
    }
  }, []);
  useEffect(() => {
    let live = true;
    api.orders
      .list({ filter: { q: '' }, offset: 0, limit: 20 })
      .then((p) => live && setOrders(p.rows))
      .catch(reportError);
    return () => {
      live = false;
    };
  }, []);
  /** Picking the order fills in its buyer and, when not typed yet, its first product. */
  async function pickOrder(id: string | undefined) {
    setOrderId(id);
    setSkuId(undefined);
    if (!id) return;
    try {
      const o = await api.orders.get({ id });
      const line = o.lines.find((l) => l.skuId) ?? o.lines[0];
      form.setFieldValue('memberName', o.memberName);
      if (line && !form.getFieldValue('product')) {
        form.setFieldValue('product', [line.title, line.spec].filter(Boolean).join(' '));
        setSkuId(line.skuId ?? undefined);
      }
    } catch (e) {
      reportError(e);
    }
  }
  async function submit() {
    const v = (await form.validateFields()) as {
      channel: (typeof COMPLAINT_CHANNELS)[number];
      memberName?: string;
      product?: string;
      category: (typeof COMPLAINT_CATEGORIES)[number];
      severity: ComplaintSeverity;
      description: string;
      receivedAt?: dayjs.Dayjs;
    };
    setBusy(true);
    try {
      const c = await api.complaints.create({
        channel: v.channel,
        memberName: v.memberName ?? '',
        ...(orderId ? { orderId } : {}),
        ...(skuId ? { skuId } : {}),
        product: v.product ?? '',
        category: v.category,
        severity: v.severity,
        description: v.description,
        ...(v.receivedAt ? { receivedAt: v.receivedAt.toISOString() } : {}),
      });
      onCreated(c.id);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={t('complaints.new')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('complaints.register')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'cmp-save' } as Record<string, string>}
      width={680}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'wangwang', severity: 'normal', category: 'quality' }}
      >
        <Space wrap>
          <Form.Item name="channel" label={t('complaints.channel')} rules={[{ required: true }]}>
            <Select
              style={{ width: 120 }}
              data-testid="cmp-channel"
              options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: t(`complaints.channels.${c}`) }))}
            />
          </Form.Item>
          <Form.Item name="receivedAt" label={t('complaints.receivedAt')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              placeholder={t('complaints.now')}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('complaints.order')} extra={t('complaints.orderHint')}>
          <Select
            allowClear
            showSearch={{ filterOption: false, onSearch: (q) => void searchOrders(q) }}
            value={orderId}
            onChange={(v?: string) => void pickOrder(v)}
            placeholder={t('complaints.orderPlaceholder')}
            notFoundContent={t('complaints.noOrders')}
            data-testid="cmp-order"
            options={orders.map((o) => ({
              value: o.id,
              label: `${o.orderNo} · ${o.memberName} · ${formatDateTime(o.orderedAt, timeZone)}`,
            }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="memberName" label={t('complaints.buyer')}>
            <Input
              style={{ width: 200 }}
              maxLength={64}
              placeholder={t('complaints.memberPlaceholder')}
              data-testid="cmp-member"
            />
          </Form.Item>
          <Form.Item name="product" label={t('complaints.product')}>
            <Input
              style={{ width: 400 }}
              maxLength={100}
              onChange={() => setSkuId(undefined)}
              data-testid="cmp-product"
            />
          </Form.Item>
        </Space>
        <Form.Item name="category" label={t('complaints.category')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.categories.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="severity" label={t('complaints.severity')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="cmp-severity"
            optionType="button"
            options={COMPLAINT_SEVERITIES.map((c) => ({ value: c, label: t(`complaints.severities.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('complaints.description')}
          rules={[{ required: true, whitespace: true, message: t('complaints.descriptionRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="cmp-description" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
