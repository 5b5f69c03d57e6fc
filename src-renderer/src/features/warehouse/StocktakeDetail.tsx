import {
  ArrowLeftOutlined,
  BarChartOutlined,
  CheckOutlined,
  DownloadOutlined,
  PrinterOutlined,
  SaveOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Empty,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type InputRef,
  type TableProps,
} from 'antd';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paged, Stocktake, StocktakeLine } from '../../../../src-main/api/contract';
import { api, errorText, reportError, ui } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { activeBins, useWarehouse } from '../../stores/warehouse';
import { errorBeep } from './beep';
import { findSkuByCode } from './pickers';
import { StocktakeReportModal } from './StocktakeReport';
import { StocktakeSheet } from './StocktakeSheet';
import { STATUS_COLOR, useScopeText } from './StocktakePage';

type Filter = 'all' | 'uncounted' | 'counted' | 'variance';
type Feedback = { kind: 'ok' | 'error'; text: string } | null;
/** A count typed or scanned but not yet saved, per SKU and bin. */
interface Pending {
  skuId: string;
  binId: string;
  qty: number;
}
const keyOf = (skuId: string, binId: string) => `${skuId}|${binId}`;

/** One stocktake: counting by scanner or keyboard, the count sheet, the variance report, approval. */
export function StocktakeDetail({ id, onBack }: { id: string; onBack(): void }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const myName = useSession((s) => s.session?.staff.name);
  const canCount = useCan('warehouse.count');
  const canApprove = useCan('warehouse.stocktake');
  const bins = useWarehouse((s) => s.bins);
  const scopeText = useScopeText();
  const [st, setSt] = useState<Stocktake | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [binId, setBinId] = useState<string | undefined>(undefined);
  const [filter, setFilter] = useState<Filter>('all');
  const [paging, setPaging] = useState({ offset: 0, limit: 50 });
  const [lines, setLines] = useState<Paged<StocktakeLine> | null>(null);
  const [pending, setPending] = useState<Map<string, Pending>>(new Map());
  /** The same, read by scans and saves (a scanner can fire faster than React renders). */
  const pendingRef = useRef<Map<string, Pending>>(new Map());
  const binRef = useRef<string | undefined>(undefined);
  /** Rows found while scanning that have no book line yet. */
  const [found, setFound] = useState<StocktakeLine[]>([]);
  const [scanText, setScanText] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [saving, setSaving] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelReason, setCancelReason] = useState('');
  const scanRef = useRef<InputRef>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());

  const counting = st?.status === 'counting' && canCount;
  const showBook = !!st?.seesBook;

  const loadHeader = useCallback(
    () =>
      api.stocktake.get({ id }).then(
        (header) => {
          setSt(header);
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [id],
  );

  const loadLines = useCallback(
    () =>
      api.stocktake
        .lines({
          id,
          ...(binId ? { binId, filter: 'all', offset: 0, limit: 5000 } : { filter, ...paging }),
        })
        .then(setLines, (e: unknown) => setError(errorText(e))),
    [id, binId, filter, paging],
  );

  useEffect(() => {
    void loadHeader();
  }, [loadHeader]);
  useEffect(() => {
    void loadLines();
  }, [loadLines]);

  function setQty(skuId: string, lineBin: string, qty: number | null) {
    const next = new Map(pendingRef.current);
    if (qty === null) next.delete(keyOf(skuId, lineBin));
    else next.set(keyOf(skuId, lineBin), { skuId, binId: lineBin, qty });
    pendingRef.current = next;
    setPending(next);
  }

  async function save(): Promise<boolean> {
    const entries = [...pendingRef.current.values()];
    if (!entries.length) {
      ui().message.info(t('stocktake.count.nothingPending'));
      return true;
    }
    setSaving(true);
    try {
      for (let i = 0; i < entries.length; i += 500) {
        await api.stocktake.count({
          id,
          counts: entries.slice(i, i + 500).map((e) => ({ skuId: e.skuId, binId: e.binId, counted: e.qty })),
        });
      }
      pendingRef.current = new Map();
      setPending(pendingRef.current);
      setFound([]);
      ui().message.success(t('stocktake.count.saved', { count: entries.length }));
      await Promise.all([loadHeader(), loadLines()]);
      scanRef.current?.focus();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    } finally {
      setSaving(false);
    }
  }

  function scanFailed(text: string) {
    errorBeep();
    setFeedback({ kind: 'error', text });
  }

  async function handleScan(code: string) {
    const bin = bins.find((b) => b.code === code.toUpperCase());
    if (bin) {
      if (bin.retired) return scanFailed(t('stocktake.count.scanRetiredBin', { code: bin.code }));
      // Moving to another bin saves what was counted so far.
      if (pendingRef.current.size && !(await save())) return;
      binRef.current = bin.id;
      setBinId(bin.id);
      setFeedback({ kind: 'ok', text: t('stocktake.count.scanBin', { code: bin.code }) });
      return;
    }
    const binId = binRef.current;
    if (!binId) return scanFailed(t('stocktake.count.scanNoBin'));
    let sku;
    try {
      sku = await findSkuByCode(code);
    } catch (e) {
      return scanFailed(errorText(e));
    }
    if (!sku) return scanFailed(t('stocktake.count.scanUnknown', { code }));
    const k = keyOf(sku.skuId, binId);
    const qty = (pendingRef.current.get(k)?.qty ?? 0) + 1;
    setQty(sku.skuId, binId, qty);
    const known = lines?.rows.some((r) => r.skuId === sku.skuId && r.binId === binId);
    const binCode = bins.find((b) => b.id === binId)?.code ?? '';
    if (!known && qty === 1) {
      setFound((f) => [
        ...f.filter((r) => !(r.skuId === sku.skuId && r.binId === binId)),
        {
          skuId: sku.skuId,
          code: sku.code,
          title: sku.title,
          spec: sku.spec,
          binId,
          binCode,
          bookQty: showBook ? 0 : null,
          added: true,
          countedQty: null,
          expectedQty: null,
          variance: null,
          varianceFen: null,
          unitCostFen: null,
          rounds: 0,
          needsRecount: false,
          firstByName: null,
          lastByName: null,
          lastAt: null,
        },
      ]);
      setFeedback({ kind: 'ok', text: t('stocktake.count.scanAdded', { code: sku.code, bin: binCode }) });
    } else {
      setFeedback({ kind: 'ok', text: t('stocktake.count.scanSku', { code: sku.code, qty }) });
    }
  }

  function onScanKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const code = scanText.trim();
    setScanText('');
    // Enter on an empty field saves what was counted (keyboard-only flow).
    if (!code) {
      if (pendingRef.current.size) chain.current = chain.current.then(() => save().then(() => undefined));
      return;
    }
    chain.current = chain.current.then(() => handleScan(code)).catch(() => {});
  }

  function approve() {
    if (!st) return;
    ui().modal.confirm({
      title: t('stocktake.detail.approveTitle', { number: st.number }),
      content: t('stocktake.detail.approveBody'),
      okText: t('stocktake.detail.approveOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'stk-approve-confirm' },
      onOk: async () => {
        try {
          setSt(await api.stocktake.approve({ id }));
          await loadLines();
        } catch (e) {
          reportError(e);
        }
      },
    });
  }

  async function cancel() {
    try {
      setSt(await api.stocktake.cancel({ id, reason: cancelReason.trim() }));
      setCancelling(false);
      await loadLines();
    } catch (e) {
      reportError(e);
    }
  }

  if (!st)
    return (
      <div className="wh-page" data-testid="stk-detail">
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          {t('stocktake.back')}
        </Button>
        {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" />}
      </div>
    );

  const listed = lines?.rows ?? [];
  const rows = [
    ...found.filter(
      (f) => (!binId || f.binId === binId) && !listed.some((r) => r.skuId === f.skuId && r.binId === f.binId),
    ),
    ...listed,
  ];
  const num = (v: number | null) =>
    v === null ? <Typography.Text type="secondary">—</Typography.Text> : <span className="num">{v}</span>;
  const columns: TableProps<StocktakeLine>['columns'] = [
    ...(binId
      ? []
      : [
          {
            key: 'bin',
            dataIndex: 'binCode',
            title: t('stocktake.count.binCode'),
            width: 100,
            render: (v: string) => <span className="num">{v}</span>,
          },
        ]),
    {
      key: 'code',
      dataIndex: 'code',
      title: t('stocktake.count.code'),
      width: 150,
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      key: 'title',
      title: t('stocktake.count.title'),
      ellipsis: true,
      render: (_, r) => (
        <span title={`${r.title} ${r.spec}`}>
          {r.title}
          {r.spec && <Typography.Text type="secondary"> · {r.spec}</Typography.Text>}
        </span>
      ),
    },
    ...(showBook
      ? [
          {
            key: 'book',
            title: t('stocktake.count.book'),
            width: 80,
            align: 'right' as const,
            render: (_: unknown, r: StocktakeLine) => num(r.bookQty),
          },
          {
            key: 'expected',
            title: (
              <Tooltip title={t('stocktake.count.expectedHint')}>
                <span>{t('stocktake.count.expected')}</span>
              </Tooltip>
            ),
            width: 80,
            align: 'right' as const,
            render: (_: unknown, r: StocktakeLine) => num(r.expectedQty),
          },
        ]
      : []),
    {
      key: 'counted',
      title: t('stocktake.count.counted'),
      width: 120,
      render: (_, r) => {
        const p = pending.get(keyOf(r.skuId, r.binId));
        // A recount is someone else's job: the last counter sees their count, not an input.
        const editable = counting && (r.rounds === 0 || (r.needsRecount && r.lastByName !== myName));
        if (!editable) return num(r.countedQty);
        return (
          <InputNumber
            size="small"
            min={0}
            max={1000000}
            precision={0}
            style={{ width: 96 }}
            className={p ? 'stk-pending' : undefined}
            value={p ? p.qty : null}
            placeholder={r.countedQty === null ? '' : String(r.countedQty)}
            aria-label={`${t('stocktake.count.counted')} ${r.code}`}
            data-testid={`stk-count-${r.binCode}-${r.code}`}
            onChange={(v) => setQty(r.skuId, r.binId, typeof v === 'number' ? v : null)}
            onPressEnter={() => scanRef.current?.focus()}
          />
        );
      },
    },
    ...(showBook
      ? [
          {
            key: 'variance',
            title: t('stocktake.count.variance'),
            width: 80,
            align: 'right' as const,
            render: (_: unknown, r: StocktakeLine) =>
              r.variance === null ? (
                num(null)
              ) : (
                <span
                  className={`num${r.variance > 0 ? ' wh-qty-in' : r.variance < 0 ? ' wh-qty-out' : ''}`}
                  data-testid={`stk-variance-${r.binCode}-${r.code}`}
                >
                  {r.variance > 0 ? `+${r.variance}` : r.variance}
                </span>
              ),
          },
        ]
      : []),
    {
      key: 'state',
      title: t('stocktake.count.state'),
      width: 150,
      render: (_, r) => (
        <Space size={2} wrap>
          {r.rounds === 0 ? (
            <Tag>{t('stocktake.count.uncounted')}</Tag>
          ) : r.needsRecount ? (
            <Tag color="orange">{t('stocktake.count.recountTag')}</Tag>
          ) : (
            <Tag color="success">{t('stocktake.count.countedTag')}</Tag>
          )}
          {r.rounds > 1 && <Tag>{t('stocktake.count.recounted', { n: r.rounds - 1 })}</Tag>}
          {r.added && <Tag color="purple">{t('stocktake.count.added')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'by',
      title: t('stocktake.count.countedBy'),
      width: 110,
      ellipsis: true,
      render: (_, r) => r.lastByName ?? '',
    },
  ];

  const binCode = bins.find((b) => b.id === binId)?.code;
  return (
    <div className="wh-page stk-detail" data-testid="stk-detail">
      <div className="toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="stk-back">
          {t('stocktake.back')}
        </Button>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="stk-title">
          {t(`stocktake.kinds.${st.kind}`)} <span className="num">{st.number}</span>
        </Typography.Title>
        <Tag color={STATUS_COLOR[st.status]} data-testid="stk-status">
          {t(`stocktake.statuses.${st.status}`)}
        </Tag>
        {st.blind && <Tag>{t('stocktake.blindTag')}</Tag>}
        <span style={{ marginLeft: 'auto' }} />
        <Button icon={<PrinterOutlined />} onClick={() => setPrinting(true)} data-testid="stk-print">
          {t('stocktake.detail.print')}
        </Button>
        {showBook && (
          <>
            <Button icon={<BarChartOutlined />} onClick={() => setReporting(true)} data-testid="stk-report">
              {t('stocktake.detail.report')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="stk-export">
              {t('stocktake.detail.export')}
            </Button>
          </>
        )}
        {canApprove && st.status === 'counting' && (
          <>
            <Button
              danger
              icon={<StopOutlined />}
              onClick={() => setCancelling(true)}
              data-testid="stk-cancel"
            >
              {t('stocktake.detail.cancel')}
            </Button>
            <Button type="primary" icon={<CheckOutlined />} onClick={approve} data-testid="stk-approve">
              {t('stocktake.detail.approve')}
            </Button>
          </>
        )}
      </div>
      <Descriptions
        size="small"
        column={4}
        className="stk-summary"
        items={[
          { key: 'scope', label: t('stocktake.scope'), children: scopeText(st) },
          {
            key: 'started',
            label: t('stocktake.detail.snapshot'),
            children: (
              <span className="num">
                {st.startedByName ? `${st.startedByName} · ` : ''}
                {formatDateTime(st.startedAt, timeZone)}
              </span>
            ),
          },
          {
            key: 'progress',
            label: t('stocktake.progress'),
            children: (
              <span data-testid="stk-progress">
                {t('stocktake.progressText', { counted: st.counted, lines: st.lines })}
              </span>
            ),
          },
          ...(st.note ? [{ key: 'note', label: t('stocktake.start.note'), children: st.note }] : []),
        ]}
      />
      {st.status === 'approved' && (
        <Alert
          type="success"
          showIcon
          data-testid="stk-approved"
          style={{ marginBottom: 12 }}
          title={t('stocktake.detail.approved')}
          description={
            [st.gainDocumentNumber, st.lossDocumentNumber].some(Boolean) ? (
              <span>
                {t('stocktake.detail.docs')}：
                <span className="num" data-testid="stk-docs">
                  {[st.gainDocumentNumber, st.lossDocumentNumber].filter(Boolean).join('、')}
                </span>
              </span>
            ) : undefined
          }
        />
      )}
      {st.status === 'cancelled' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('stocktake.detail.cancelled', { reason: st.cancelReason ?? '' })}
        />
      )}
      {st.blind && !showBook && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('stocktake.detail.blindNotice')} />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <div className="toolbar">
        {counting && (
          <div className="stk-scan">
            <Input
              ref={scanRef}
              autoFocus
              className="stk-scan__input"
              data-testid="stk-scan"
              aria-label={t('stocktake.count.scanLabel')}
              placeholder={t('stocktake.count.scanPlaceholder')}
              value={scanText}
              onChange={(e) => setScanText(e.target.value)}
              onKeyDown={onScanKeyDown}
            />
            <Typography.Text
              className="stk-scan__feedback"
              type={feedback?.kind === 'error' ? 'danger' : 'success'}
              role={feedback?.kind === 'error' ? 'alert' : 'status'}
              data-testid="stk-scan-feedback"
            >
              {feedback?.text ?? '\u00a0'}
            </Typography.Text>
          </div>
        )}
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          className="toolbar__select"
          style={{ minWidth: 170 }}
          value={binId}
          placeholder={t('stocktake.count.allBins')}
          prefix={<span className="select-prefix">{t('stocktake.count.bin')}</span>}
          aria-label={t('stocktake.count.bin')}
          data-testid="stk-bin"
          popupMatchSelectWidth={false}
          options={activeBins(bins).map((b) => ({ value: b.id, label: b.code }))}
          onChange={(v) => {
            binRef.current = v || undefined;
            setBinId(v || undefined);
            setPaging((p) => ({ ...p, offset: 0 }));
          }}
        />
        {!binId && (
          <Select<Filter>
            className="toolbar__select"
            value={filter}
            prefix={<span className="select-prefix">{t('stocktake.count.filter')}</span>}
            aria-label={t('stocktake.count.filter')}
            data-testid="stk-filter"
            popupMatchSelectWidth={false}
            onChange={(v) => {
              setFilter(v);
              setPaging((p) => ({ ...p, offset: 0 }));
            }}
            options={(['all', 'uncounted', 'counted', 'variance'] as const).map((f) => ({
              value: f,
              label: t(`stocktake.count.filters.${f}`),
            }))}
          />
        )}
        {counting && (
          <Space style={{ marginLeft: 'auto' }}>
            {pending.size > 0 && (
              <Typography.Text type="warning" data-testid="stk-pending">
                {t('stocktake.count.pending', { count: pending.size })}
              </Typography.Text>
            )}
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={saving}
              disabled={!pending.size}
              onClick={() => void save()}
              data-testid="stk-save"
            >
              {t('stocktake.count.save')}
            </Button>
          </Space>
        )}
      </div>
      <Table<StocktakeLine>
        data-testid="stk-lines"
        size="small"
        rowKey={(r) => keyOf(r.skuId, r.binId)}
        columns={columns}
        dataSource={rows}
        loading={lines === null}
        scroll={{ x: 900 }}
        locale={{
          emptyText: lines ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stocktake.count.empty')} />
          ) : (
            <span />
          ),
        }}
        onRow={(r) => ({ 'data-testid': `stk-line-${r.binCode}-${r.code}` }) as object}
        pagination={
          binId
            ? false
            : {
                current: Math.floor(paging.offset / paging.limit) + 1,
                pageSize: paging.limit,
                total: lines?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: [50, 100, 200],
                showTotal: (n) => t('common.total', { count: n }),
                onChange: (p, size) => setPaging({ offset: (p - 1) * size, limit: size }),
              }
        }
        title={binCode ? () => <strong className="num">{binCode}</strong> : undefined}
      />
      {printing && <StocktakeSheet onClose={() => setPrinting(false)} stocktake={st} />}
      {reporting && <StocktakeReportModal id={id} onClose={() => setReporting(false)} />}
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('stocktake.exportBody', { number: st.number })}
        run={(encoding) => api.stocktake.exportCsv({ id, encoding })}
      />
      <Modal
        open={cancelling}
        title={t('stocktake.detail.cancelTitle', { number: st.number })}
        onCancel={() => setCancelling(false)}
        onOk={() => void cancel()}
        okText={t('stocktake.detail.cancelOk')}
        cancelText={t('stocktake.detail.keep')}
        okButtonProps={{ danger: true, disabled: !cancelReason.trim(), 'data-testid': 'stk-cancel-confirm' }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('stocktake.detail.cancelReason')}</Typography.Paragraph>
        <Input
          autoFocus
          maxLength={200}
          value={cancelReason}
          onChange={(e) => setCancelReason(e.target.value)}
          data-testid="stk-cancel-reason"
        />
      </Modal>
    </div>
  );
}
