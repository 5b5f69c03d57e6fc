import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  InputNumber,
  Modal,
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
import type {
  FollowUpQueueRow,
  FollowUpReport,
  Paged,
  ServiceSettings,
} from '../../../../src-main/api/contract';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText, reportError, ui } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { FollowUpModal } from './FollowUpModal';
import { ServiceDrawers } from './ServiceDrawers';
import { useServiceUi } from './state';

/** 催付: the queue of unpaid orders past the delay, and how well following up works. */
export function FollowUpPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canFollow = useCan('followup.write');
  const canSettings = useCan('shop.manage');
  const version = useServiceUi((s) => s.version);
  const { openOrder, openBuyer, changed } = useServiceUi.getState();
  const [paging, setPaging] = useState({ offset: 0, limit: 50 });
  const [queue, setQueue] = useState<Paged<FollowUpQueueRow> | null>(null);
  const [report, setReport] = useState<FollowUpReport | null>(null);
  const [settings, setSettings] = useState<ServiceSettings | null>(null);
  const [range, setRange] = useState<[string, string]>([
    dayjs().subtract(6, 'day').format('YYYY-MM-DD'),
    dayjs().format('YYYY-MM-DD'),
  ]);
  const [error, setError] = useState<string | null>(null);
  const [acting, setActing] = useState<{ id: string; orderNo: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [editing, setEditing] = useState(false);
  const [delay, setDelay] = useState<number | null>(30);
  const [now, setNow] = useState(0);

  const load = useCallback(async () => {
    try {
      const [q, r, s] = await Promise.all([
        api.followUp.queue(paging),
        api.followUp.report({ from: range[0], to: range[1] }),
        api.service.settings({}),
      ]);
      setQueue(q);
      setNow(Date.now());
      setReport(r);
      setSettings(s);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [paging, range]);
  useEffect(() => {
    void load();
  }, [load, version]);

  async function saveSettings() {
    if (!settings || !delay) return;
    try {
      await api.service.saveSettings({ followUpDelayMinutes: delay, vipLevels: settings.vipLevels });
      ui().message.success(t('followUp.settingsSaved'));
      setEditing(false);
      changed();
    } catch (e) {
      reportError(e);
    }
  }

  const waited = (m: number) =>
    m < 60 ? t('followUp.minutes', { count: m }) : t('followUp.hours', { h: Math.floor(m / 60), m: m % 60 });
  const columns: TableProps<FollowUpQueueRow>['columns'] = [
    {
      key: 'no',
      title: t('orders.orderNo'),
      width: 190,
      render: (_, r) => <span className="num">{r.orderNo}</span>,
    },
    {
      key: 'buyer',
      title: t('orders.buyer'),
      width: 150,
      ellipsis: true,
      render: (_, r) =>
        r.buyerId ? (
          <a
            onClick={(e) => {
              e.stopPropagation();
              openBuyer(r.buyerId!);
            }}
          >
            {r.memberName}
          </a>
        ) : (
          r.memberName || t('orders.noMember')
        ),
    },
    {
      key: 'amount',
      title: t('orders.amount'),
      width: 90,
      align: 'right',
      render: (_, r) => <span className="num">{formatYuan(r.totalFen)}</span>,
    },
    {
      key: 'at',
      title: t('orders.orderedAt'),
      width: 140,
      render: (_, r) => <span className="num">{formatDateTime(r.orderedAt, timeZone)}</span>,
    },
    { key: 'wait', title: t('followUp.waiting'), width: 110, render: (_, r) => waited(r.waitingMinutes) },
    {
      key: 'contacts',
      title: t('followUp.contacts'),
      width: 150,
      render: (_, r) =>
        r.contacts ? (
          <span>
            {t('followUp.times', { count: r.contacts })}
            {r.lastOutcome && <Tag style={{ marginLeft: 6 }}>{t(`followUp.outcomes.${r.lastOutcome}`)}</Tag>}
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'remind',
      title: t('followUp.remindAt'),
      width: 150,
      render: (_, r) =>
        r.remindAt ? (
          <span className="num">
            {formatDateTime(r.remindAt, timeZone)}
            {Date.parse(r.remindAt) <= now && (
              <Tag color="red" style={{ marginLeft: 4 }}>
                {t('followUp.remindDue')}
              </Tag>
            )}
          </span>
        ) : (
          '—'
        ),
    },
    ...(canFollow
      ? [
          {
            key: 'act',
            title: t('common.actions'),
            width: 90,
            render: (_: unknown, r: FollowUpQueueRow) => (
              <Button
                size="small"
                type="primary"
                onClick={(e) => {
                  e.stopPropagation();
                  setActing({ id: r.id, orderNo: r.orderNo });
                }}
                data-testid={`svc-followup-act-${r.orderNo}`}
              >
                {t('followUp.act')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const rate = report && report.followedUp ? Math.round((report.paidAfter / report.followedUp) * 100) : 0;
  return (
    <div className="wh-page" data-testid="svc-followup">
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Card
        size="small"
        title={t('followUp.report')}
        style={{ marginBottom: 16 }}
        extra={
          <Space>
            <DatePicker.RangePicker
              aria-label={t('followUp.range')}
              value={[dayjs(range[0]), dayjs(range[1])]}
              allowClear={false}
              onChange={(v) =>
                v && v[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])
              }
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => setExporting(true)}
              data-testid="svc-followup-export"
            >
              {t('followUp.export')}
            </Button>
          </Space>
        }
      >
        {report && (
          <Space size={40} wrap data-testid="svc-followup-report">
            <Statistic title={t('followUp.followedUp')} value={report.followedUp} />
            <Statistic
              title={t('followUp.paidAfter')}
              value={report.paidAfter}
              data-testid="svc-followup-paid-after"
            />
            <Statistic title={t('followUp.rate')} value={rate} suffix="%" />
            <Statistic title={t('followUp.paidAmount')} value={formatYuan(report.paidFen)} prefix="¥" />
            <Statistic title={t('followUp.stillUnpaid')} value={report.stillUnpaid} />
            <Statistic title={t('followUp.closed')} value={report.closed} />
          </Space>
        )}
      </Card>
      <div className="toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('followUp.queueTitle')}
        </Typography.Title>
        {settings && (
          <Typography.Text type="secondary">
            {t('followUp.queueHint', { minutes: settings.followUpDelayMinutes })}
          </Typography.Text>
        )}
        <span style={{ marginLeft: 'auto' }} />
        {canSettings && (
          <Button
            icon={<SettingOutlined />}
            onClick={() => {
              setDelay(settings?.followUpDelayMinutes ?? 30);
              setEditing(true);
            }}
          >
            {t('followUp.settings')}
          </Button>
        )}
      </div>
      <Table<FollowUpQueueRow>
        data-testid="svc-followup-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={queue?.rows ?? []}
        scroll={{ x: 1080 }}
        locale={{
          emptyText: queue ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('followUp.empty')} />
          ) : (
            <span />
          ),
        }}
        rowClassName={() => 'wh-row'}
        onRow={(r) => ({
          onClick: () => openOrder(r.id),
          tabIndex: 0,
          onKeyDown: (e) => {
            if (e.key === 'Enter') openOrder(r.id);
          },
          'data-testid': `svc-followup-row-${r.orderNo}`,
        })}
        pagination={{
          current: Math.floor(paging.offset / paging.limit) + 1,
          pageSize: paging.limit,
          total: queue?.total ?? 0,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, size) => setPaging({ offset: (p - 1) * size, limit: size }),
        }}
      />
      <FollowUpModal order={acting} onClose={() => setActing(null)} />
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('followUp.exportBody')}
        run={(encoding) => api.followUp.exportCsv({ from: range[0], to: range[1], encoding })}
      />
      <Modal
        open={editing}
        title={t('followUp.settings')}
        onCancel={() => setEditing(false)}
        onOk={saveSettings}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('followUp.delay')}</Typography.Paragraph>
        <InputNumber
          min={1}
          max={10080}
          precision={0}
          value={delay}
          onChange={(v) => setDelay(v)}
          aria-label={t('followUp.delay')}
        />
      </Modal>
      <ServiceDrawers />
    </div>
  );
}
