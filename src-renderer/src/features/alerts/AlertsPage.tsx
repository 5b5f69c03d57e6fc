import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Segmented, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertCounts, AlertRow, AlertStatus, Paged } from '../../../../src-main/api/contract';
import { api, errorText } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { useDebounce } from '../../components/useDebounce';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { AckDialog } from './AckDialog';
import { useAlerts } from './store';
import { PagedTable } from '../../components/PagedTable';

const STATUS_COLOR: Record<AlertRow['status'], string> = {
  open: 'red',
  acknowledged: 'orange',
  cleared: 'green',
};

interface Query {
  status: AlertStatus;
  q: string;
  offset: number;
  limit: number;
}

/**
 * 库存预警 (§16.7): listed SKUs under their threshold, with the stock now and the last movement;
 * acknowledged with who handles it; cleared by themselves when stock is back. Shown in 仓储 and 客服.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canAck = useSession((s) => s.session?.permissions.includes('alerts.ack') ?? false);
  const staffId = useSession((s) => s.session?.staff.id);
  const version = useAlerts((s) => s.version);
  const [text, setText] = useState('');
  const [query, setQuery] = useState<Query>({ status: 'active', q: '', offset: 0, limit: 50 });
  const [answer, setAnswer] = useState<{
    for: unknown;
    page: (Paged<AlertRow> & { counts: AlertCounts }) | null;
    error: string | null;
  }>({ for: null, page: null, error: null });
  const [acking, setAcking] = useState<AlertRow | null>(null);
  const [exporting, setExporting] = useState(false);
  const debounce = useDebounce(250);
  const loading = answer.for !== query;

  const load = useCallback(async () => {
    try {
      const page = await api.alerts.list(query);
      setAnswer({ for: query, page, error: null });
      useAlerts.setState({ counts: page.counts });
    } catch (e) {
      setAnswer((a) => ({ ...a, for: query, error: errorText(e) }));
    }
  }, [query]);

  useEffect(() => {
    void load();
  }, [load, staffId, version]);

  const counts = answer.page?.counts;
  const filtered = !!query.q || query.status !== 'active';

  const columns: TableProps<AlertRow>['columns'] = [
    {
      key: 'sku',
      title: t('alerts.col.sku'),
      ellipsis: true,
      render: (_, r) => (
        <span className="wh-line-sku">
          <span className="num">{r.code}</span>
          <span className="wh-line-sku__title" title={`${r.title} ${r.spec}`}>
            {r.title}
            {r.spec ? ` · ${r.spec}` : ''}
          </span>
        </span>
      ),
    },
    {
      key: 'onHand',
      title: t('alerts.col.onHand'),
      width: 120,
      align: 'right',
      render: (_, r) => (
        <span className="num" data-testid={`alerts-onhand-${r.code}`}>
          <span className={r.onHand < r.threshold ? 'wh-qty-out' : undefined}>{r.onHand}</span>
          <Typography.Text type="secondary"> / {r.threshold}</Typography.Text>
        </span>
      ),
    },
    {
      key: 'last',
      title: t('alerts.col.lastMovement'),
      width: 230,
      render: (_, r) =>
        r.lastMovement ? (
          <span className="alerts-last">
            <span className="num">{formatDateTime(r.lastMovement.at, timeZone)}</span>{' '}
            <span className={`num ${r.lastMovement.qtyDelta > 0 ? 'wh-qty-in' : 'wh-qty-out'}`}>
              {r.lastMovement.qtyDelta > 0 ? `+${r.lastMovement.qtyDelta}` : `−${-r.lastMovement.qtyDelta}`}
            </span>
            <br />
            <Typography.Text type="secondary" className="num">
              {t(`warehouse.types.${r.lastMovement.documentType}`)} {r.lastMovement.documentNumber}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="secondary">{t('alerts.noMovement')}</Typography.Text>
        ),
    },
    {
      key: 'raised',
      title: t('alerts.col.raisedAt'),
      width: 140,
      render: (_, r) => <span className="num">{formatDateTime(r.raisedAt, timeZone)}</span>,
    },
    {
      key: 'status',
      title: t('alerts.col.status'),
      width: 200,
      render: (_, r) => (
        <span data-testid={`alerts-status-${r.code}`}>
          <Tag color={STATUS_COLOR[r.status]}>{t(`alerts.status.${r.status}`)}</Tag>
          {r.status === 'cleared' && r.clearedReason && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`alerts.reason.${r.clearedReason}`)} {formatDateTime(r.clearedAt, timeZone)}
              </Typography.Text>
            </div>
          )}
          {r.ackAt && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('alerts.ackedBy', { name: r.ackByName ?? '', time: formatDateTime(r.ackAt, timeZone) })}
              </Typography.Text>
            </div>
          )}
        </span>
      ),
    },
    {
      key: 'handler',
      title: t('alerts.col.handler'),
      width: 180,
      render: (_, r) =>
        r.handlerName ? (
          <span data-testid={`alerts-handler-${r.code}`}>
            <span>{r.handlerName}</span>
            {r.note && (
              <Typography.Paragraph
                type="secondary"
                style={{ margin: 0, fontSize: 12 }}
                ellipsis={{ rows: 2, tooltip: r.note }}
              >
                {r.note}
              </Typography.Paragraph>
            )}
          </span>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    ...(canAck
      ? [
          {
            key: 'action',
            title: t('alerts.col.action'),
            width: 110,
            render: (_: unknown, r: AlertRow) =>
              r.status === 'cleared' ? null : (
                <Button
                  size="small"
                  type={r.status === 'open' ? 'primary' : 'default'}
                  onClick={() => setAcking(r)}
                  data-testid={`alerts-ack-${r.code}`}
                >
                  {r.status === 'open' ? t('alerts.ack.button') : t('alerts.ack.reassign')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <div className="wh-page" data-testid="alerts-page">
      <div className="toolbar" role="search">
        <Segmented<AlertStatus>
          data-testid="alerts-filter-status"
          value={query.status}
          onChange={(status) => setQuery((q) => ({ ...q, status, offset: 0 }))}
          options={[
            {
              value: 'active',
              label: counts
                ? t('alerts.filter.activeN', { count: counts.active })
                : t('alerts.filter.active'),
            },
            {
              value: 'unacknowledged',
              label: counts
                ? t('alerts.filter.unacknowledgedN', { count: counts.unacknowledged })
                : t('alerts.filter.unacknowledged'),
            },
            { value: 'cleared', label: t('alerts.filter.cleared') },
            { value: 'all', label: t('alerts.filter.all') },
          ]}
        />
        <Input
          className="toolbar__search"
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          value={text}
          placeholder={t('alerts.search')}
          aria-label={t('alerts.search')}
          data-testid="alerts-search"
          style={{ width: 260 }}
          onChange={(e) => {
            const v = e.target.value;
            setText(v);
            debounce.schedule(() => setQuery((q) => ({ ...q, q: v.trim(), offset: 0 })));
          }}
        />
        <span style={{ flex: 1 }} />
        <Tooltip title={t('alerts.refresh')}>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => useAlerts.getState().changed()}
            aria-label={t('alerts.refresh')}
            data-testid="alerts-refresh"
          />
        </Tooltip>
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="alerts-export">
          {t('alerts.export')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4, marginBottom: 8, fontSize: 13 }}>
        {t('alerts.hint')}
      </Typography.Paragraph>
      {answer.error && (
        <Alert type="error" showIcon title={answer.error} style={{ marginBottom: 12 }} role="alert" />
      )}
      <PagedTable<AlertRow>
        testId="alerts-table"
        columns={columns}
        page={answer.page}
        loading={loading && answer.for !== null}
        scrollX={1100}
        empty={filtered ? t('alerts.noMatch') : t('alerts.empty')}
        offset={query.offset}
        limit={query.limit}
        onPage={(offset, limit) => setQuery((q) => ({ ...q, offset, limit }))}
        rowTestId={(r) => `alerts-row-${r.code}`}
      />
      <AckDialog
        alert={acking}
        onClose={() => setAcking(null)}
        onDone={() => {
          setAcking(null);
          useAlerts.getState().changed();
        }}
      />
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('alerts.exportBody', { count: answer.page?.total ?? 0 })}
        run={(encoding) =>
          Promise.resolve(api.alerts.exportCsv({ status: query.status, q: query.q, encoding }))
        }
      />
    </div>
  );
}
