import {
  BarcodeOutlined,
  DeleteOutlined,
  ExclamationCircleOutlined,
  PlusOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type FormInstance,
  type InputRef,
  type TableProps,
} from 'antd';
import type { FormListFieldData } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useEffectEvent, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Bin,
  DocType,
  DraftInput,
  StockDocument,
  StockDocumentLine,
} from '../../../../src-main/api/contract';
import { formatYuan, parseYuan } from '../../../../src-main/lib/money';
import { api, errorText, isFailure, problemText, reportError, ui, type FieldMapper } from '../../api';
import { closeAskingIfDirty } from '../../components/confirmDiscard';
import { useRelocalizeErrors } from '../../components/useRelocalizeErrors';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { activeBins, DIRECTION, DOC_TYPES, useWarehouse } from '../../stores/warehouse';
import { errorBeep } from './beep';
import { DocumentPrintButton } from './DocumentPrint';
import { BinSelect, findSkuByCode, rememberSku, SkuSelect, TYPE_COLOR } from './pickers';

interface LineValues {
  skuId?: string;
  binId?: string;
  toBinId?: string;
  quantity: number | null;
  /** Yuan as typed ("59.9"); empty = the SKU's cost. */
  unitCost: string;
  note: string;
}
interface DocValues {
  type: DocType;
  docDate: Dayjs;
  counterpart: string;
  reason: string;
  orderRef: string;
  notes: string;
  lines: LineValues[];
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

const HEADER_FIELDS = ['type', 'docDate', 'counterpart', 'reason', 'orderRef', 'notes'];
const LINE_FIELD: Record<string, keyof LineValues> = {
  skuId: 'skuId',
  binId: 'binId',
  toBinId: 'toBinId',
  quantity: 'quantity',
  unitCostFen: 'unitCost',
  note: 'note',
};

/** Server paths → form fields: `lines.3.unitCostFen` is the yuan input of line 4. */
const mapField: FieldMapper = (path) => {
  const parts = path.split('.');
  if (parts[0] === 'lines' && parts.length >= 3 && /^\d+$/.test(parts[1]!)) {
    const f = LINE_FIELD[parts[2]!];
    return f ? ['lines', Number(parts[1]), f] : null;
  }
  return parts.length === 1 && HEADER_FIELDS.includes(parts[0]!) ? [parts[0]!] : null;
};

function todayIn(timeZone: string): Dayjs {
  return dayjs(formatDateTime(new Date(), timeZone).slice(0, 10));
}

function lineValues(l: StockDocumentLine, type: DocType): LineValues {
  rememberSku({ skuId: l.skuId, code: l.skuCode, title: l.title, spec: l.spec });
  return {
    skuId: l.skuId,
    binId: l.binId,
    ...(l.toBinId ? { toBinId: l.toBinId } : {}),
    quantity: l.quantity,
    unitCost: DIRECTION[type] === 'in' ? formatYuan(l.unitCostFen) : '',
    note: l.note,
  };
}

function counterpartLabel(type: DocType | undefined): 'supplier' | 'customer' | 'counterpart' {
  if (type === 'purchase_in') return 'supplier';
  if (type === 'sales_out' || type === 'return_in') return 'customer';
  return 'counterpart';
}

/**
 * The stock document editor (a drawer): header, lines with a scan field, 保存草稿 / 过账 /
 * 作废草稿 for drafts; a read-only view with 冲销 for posted documents.
 */
export function DocumentDrawer() {
  const { t } = useTranslation();
  const target = useWarehouse((s) => s.openDoc);
  const bins = useWarehouse((s) => s.bins);
  const { openDocument, loadDocs, loadBins } = useWarehouse.getState();
  const timeZone = useSession((s) => s.timeZone);
  const canWrite = useCan('warehouse.write');
  const canPost = useCan('warehouse.post');
  const canOverride = useCan('warehouse.override');
  const [form] = Form.useForm<DocValues>();
  useRelocalizeErrors(form);
  const [doc, setDoc] = useState<StockDocument | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'post' | 'discard' | 'reverse'>(null);
  const [dirty, setDirty] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  /** The last post was refused for negative stock: the translated message. */
  const [negative, setNegative] = useState<string | null>(null);
  const [forceOpen, setForceOpen] = useState(false);
  const [reverseOpen, setReverseOpen] = useState(false);
  const [curBin, setCurBin] = useState<string | undefined>(undefined);
  const [curToBin, setCurToBin] = useState<string | undefined>(undefined);
  const [scanText, setScanText] = useState('');
  const [scanFeedback, setScanFeedback] = useState<Feedback>(null);
  const [flash, setFlash] = useState<{ index: number; n: number } | null>(null);
  const scanRef = useRef<InputRef>(null);
  const scanChain = useRef<Promise<void>>(Promise.resolve());

  const isNew = target === 'new';
  const editable = canWrite && (isNew || doc?.status === 'draft');
  const type = (Form.useWatch('type', form) as DocType | undefined) ?? doc?.type ?? 'purchase_in';
  const lines = (Form.useWatch('lines', form) as LineValues[] | undefined) ?? [];
  const direction = DIRECTION[type];

  function fill(d: StockDocument | null) {
    setDoc(d);
    form.resetFields();
    if (d) {
      form.setFieldsValue({
        type: d.type,
        docDate: dayjs(d.docDate),
        counterpart: d.counterpart,
        reason: d.reason,
        orderRef: d.orderRef,
        notes: d.notes,
        lines: d.lines.map((l) => lineValues(l, d.type)),
      });
      const last = d.lines[d.lines.length - 1];
      setCurBin(last?.binId);
      setCurToBin(last?.toBinId ?? undefined);
    } else {
      form.setFieldsValue({
        type: 'purchase_in',
        docDate: todayIn(timeZone),
        counterpart: '',
        reason: '',
        orderRef: '',
        notes: '',
        lines: [],
      });
      const active = activeBins(useWarehouse.getState().bins);
      setCurBin(active.length === 1 ? active[0]!.id : undefined);
      setCurToBin(undefined);
    }
    setDirty(false);
    setFormError(null);
    setNegative(null);
    setScanFeedback(null);
  }

  async function load(id: string) {
    setLoading(true);
    setLoadError(null);
    try {
      fill(await api.warehouse.getDocument({ id }));
    } catch (e) {
      setLoadError(errorText(e));
    } finally {
      setLoading(false);
    }
  }

  const begin = useEffectEvent((next: string) => {
    void loadBins();
    if (next === 'new') {
      setLoadError(null);
      fill(null);
      requestAnimationFrame(() => scanRef.current?.focus());
    } else if (next !== doc?.id) void load(next);
  });
  useEffect(
    () =>
      useWarehouse.subscribe((s, prev) => {
        if (s.openDoc && s.openDoc !== prev.openDoc) begin(s.openDoc);
      }),
    [],
  );
  // Leaving the page closes the document (the next page starts without one open).
  useEffect(() => () => useWarehouse.getState().openDocument(null), []);

  function close() {
    closeAskingIfDirty(dirty && editable, () => {
      setDirty(false);
      openDocument(null);
    });
  }

  function changed() {
    setDirty(true);
    setFormError(null);
    setNegative(null);
  }

  // ------------------------------------------------------------------------------------------
  // Scanning
  // ------------------------------------------------------------------------------------------
  function scanFailed(text: string) {
    errorBeep();
    setScanFeedback({ kind: 'error', text });
    ui().message.error(text);
  }

  async function handleScan(code: string) {
    const upper = code.toUpperCase();
    const bin = useWarehouse.getState().bins.find((b) => b.code.toUpperCase() === upper);
    if (bin) {
      if (bin.retired) return scanFailed(t('warehouse.doc.scanRetiredBin', { code: bin.code }));
      setCurBin(bin.id);
      setScanFeedback({ kind: 'ok', text: t('warehouse.doc.scanBin', { code: bin.code }) });
      return;
    }
    let sku;
    try {
      sku = await findSkuByCode(code);
    } catch (e) {
      return scanFailed(errorText(e));
    }
    if (!sku) return scanFailed(t('warehouse.doc.scanUnknown', { code }));
    const all = [...((form.getFieldValue('lines') as LineValues[] | undefined) ?? [])];
    const toBin = DIRECTION[form.getFieldValue('type') as DocType] === 'transfer' ? curToBin : undefined;
    const i = all.findIndex(
      (l) => l.skuId === sku.skuId && l.binId === curBin && (l.toBinId ?? undefined) === toBin,
    );
    if (i >= 0) {
      all[i] = { ...all[i]!, quantity: (all[i]!.quantity ?? 0) + 1 };
    } else {
      all.push({
        skuId: sku.skuId,
        ...(curBin ? { binId: curBin } : {}),
        ...(toBin ? { toBinId: toBin } : {}),
        quantity: 1,
        unitCost:
          DIRECTION[form.getFieldValue('type') as DocType] === 'in' && sku.costFen !== undefined
            ? formatYuan(sku.costFen)
            : '',
        note: '',
      });
    }
    form.setFieldValue('lines', all);
    const index = i >= 0 ? i : all.length - 1;
    setFlash((f) => ({ index, n: (f?.n ?? 0) + 1 }));
    changed();
    setScanFeedback({
      kind: curBin ? 'ok' : 'error',
      text: curBin
        ? `${t('warehouse.doc.scanAdded', { code: sku.code })}（${sku.title}${sku.spec ? ` · ${sku.spec}` : ''}）`
        : t('warehouse.doc.scanNoBin'),
    });
    requestAnimationFrame(() =>
      document
        .querySelector(`[data-testid="wh-doc-line-qty-${index}"]`)
        ?.scrollIntoView({ block: 'nearest' }),
    );
  }

  function onScanKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const code = scanText.trim();
    setScanText('');
    if (!code) return;
    scanChain.current = scanChain.current.then(() => handleScan(code)).catch(() => {});
  }

  // ------------------------------------------------------------------------------------------
  // Writes
  // ------------------------------------------------------------------------------------------
  async function saveDraft(quiet = false): Promise<StockDocument | null> {
    setFormError(null);
    let v: DocValues;
    try {
      v = await form.validateFields();
    } catch {
      ui().message.warning(t('warehouse.doc.fixErrors'));
      return null;
    }
    const ls = v.lines ?? [];
    if (!ls.length) {
      setFormError(t('warehouse.doc.linesRequired'));
      requestAnimationFrame(() => scanRef.current?.focus());
      return null;
    }
    const dir = DIRECTION[v.type];
    const input: DraftInput = {
      ...(doc ? { id: doc.id, expectedVersion: doc.version } : {}),
      type: v.type,
      docDate: v.docDate.format('YYYY-MM-DD'),
      counterpart: (v.counterpart ?? '').trim(),
      reason: (v.reason ?? '').trim(),
      orderRef: (v.orderRef ?? '').trim(),
      notes: (v.notes ?? '').trim(),
      lines: ls.map((l) => {
        const cost = dir === 'in' && l.unitCost?.trim() ? parseYuan(l.unitCost) : null;
        return {
          skuId: l.skuId!,
          binId: l.binId!,
          ...(dir === 'transfer' && l.toBinId ? { toBinId: l.toBinId } : {}),
          quantity: l.quantity!,
          ...(cost !== null ? { unitCostFen: cost } : {}),
          note: (l.note ?? '').trim(),
        };
      }),
    };
    setBusy('save');
    try {
      const saved = await api.warehouse.saveDraft(input);
      fill(saved);
      if (!doc) openDocument(saved.id);
      if (!quiet) ui().message.success(t('warehouse.doc.saved'));
      void loadDocs().catch(() => {});
      return saved;
    } catch (e) {
      if (isFailure(e, 'CONFLICT', 'staleEdit') && doc) {
        ui().modal.confirm({
          title: t('product.staleTitle'),
          content: problemText((e as { error: { key: string } }).error),
          okText: t('product.staleReload'),
          cancelText: t('product.staleKeep'),
          onOk: () => load(doc.id),
        });
      } else {
        const onForm = reportError(e, { form, map: mapField });
        if (!onForm && isFailure(e) && e.error.fields?.lines) setFormError(problemText(e.error.fields.lines));
      }
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function doPost(d: StockDocument, overrideReason?: string): Promise<boolean> {
    setBusy('post');
    try {
      const posted = await api.warehouse.post({
        id: d.id,
        expectedVersion: d.version,
        ...(overrideReason ? { overrideReason } : {}),
      });
      fill(posted);
      ui().message.success(t('warehouse.doc.postedDone', { number: posted.number }));
      void loadDocs().catch(() => {});
      void loadBins();
      return true;
    } catch (e) {
      if (isFailure(e, 'CONFLICT', 'negativeStock')) {
        errorBeep();
        setNegative(problemText(e.error));
      } else reportError(e, { form, map: mapField });
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function post() {
    setNegative(null);
    const d = dirty || !doc ? await saveDraft(true) : doc;
    if (!d) return;
    const qty = d.lines.reduce((n, l) => n + l.quantity, 0);
    ui().modal.confirm({
      title: t('warehouse.doc.postTitle'),
      content: t('warehouse.doc.postBody', { qty }),
      okText: t('warehouse.doc.postOk'),
      okButtonProps: { 'data-testid': 'wh-doc-post-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => void doPost(d),
    });
  }

  function discard() {
    if (!doc) return;
    ui().modal.confirm({
      title: t('warehouse.doc.discardTitle'),
      content: t('warehouse.doc.discardBody'),
      okText: t('warehouse.doc.discardOk'),
      okButtonProps: { danger: true, 'data-testid': 'wh-doc-discard-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        setBusy('discard');
        try {
          await api.warehouse.discardDraft({ id: doc.id, expectedVersion: doc.version });
          ui().message.success(t('warehouse.doc.discarded'));
          setDirty(false);
          openDocument(null);
        } catch (e) {
          reportError(e);
        } finally {
          setBusy(null);
          void loadDocs().catch(() => {});
        }
      },
    });
  }

  async function reverse(reason: string, overrideReason?: string): Promise<boolean> {
    if (!doc) return false;
    setBusy('reverse');
    try {
      const rev = await api.warehouse.reverse({
        id: doc.id,
        reason,
        ...(overrideReason ? { overrideReason } : {}),
      });
      ui().message.success(t('warehouse.doc.reversedDone', { number: rev.number }));
      void loadDocs().catch(() => {});
      void loadBins();
      await load(doc.id);
      return true;
    } catch (e) {
      if (isFailure(e, 'CONFLICT', 'negativeStock') && !overrideReason) {
        errorBeep();
        const message = problemText(e.error);
        ui().modal.confirm({
          title: t('warehouse.doc.reverseNegativeTitle'),
          icon: <ExclamationCircleOutlined />,
          content: t('warehouse.doc.reverseNegativeBody', { message }),
          okText: t('warehouse.doc.reverseNegativeOk'),
          okButtonProps: { danger: true, 'data-testid': 'wh-doc-reverse-force' },
          cancelText: t('common.cancel'),
          onOk: () => void reverse(reason, reason),
        });
        return true;
      }
      reportError(e);
      return false;
    } finally {
      setBusy(null);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && editable) {
      e.preventDefault();
      if (!busy) void saveDraft();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Rendering
  // ------------------------------------------------------------------------------------------
  const typeName = t(`warehouse.types.${type}`);
  const title = isNew
    ? t('warehouse.doc.newTitle')
    : doc
      ? doc.status === 'draft'
        ? t('warehouse.doc.draftTitle', { type: typeName, number: doc.number })
        : t('warehouse.doc.postedTitle', { type: typeName, number: doc.number })
      : t('common.loading');

  const showBody = target && !loadError && !(loading && !doc);
  const footer = showBody ? (
    <div className="drawer-foot">
      <Typography.Text type="secondary" className="drawer-foot__meta">
        {doc &&
          (doc.updatedByName
            ? t('warehouse.doc.lastUpdated', {
                name: doc.updatedByName,
                time: formatDateTime(doc.updatedAt, timeZone),
              })
            : '')}
        {editable && !doc && t('warehouse.doc.keyHint')}
      </Typography.Text>
      <Space>
        {editable && doc && (
          <Button
            danger
            icon={<DeleteOutlined />}
            onClick={discard}
            loading={busy === 'discard'}
            disabled={!!busy && busy !== 'discard'}
            data-testid="wh-doc-discard"
          >
            {t('warehouse.doc.discard')}
          </Button>
        )}
        {doc?.status === 'posted' && canOverride && !doc.reversedById && !doc.reversesId && (
          <Button
            danger
            icon={<RollbackOutlined />}
            onClick={() => setReverseOpen(true)}
            loading={busy === 'reverse'}
            data-testid="wh-doc-reverse"
          >
            {t('warehouse.doc.reverse')}
          </Button>
        )}
        {doc && <DocumentPrintButton doc={doc} />}
        <Button onClick={close} data-testid="wh-doc-cancel">
          {editable ? t('common.cancel') : t('common.close')}
        </Button>
        {editable && (
          <Button
            onClick={() => void saveDraft()}
            loading={busy === 'save'}
            disabled={!!busy && busy !== 'save'}
            data-testid="wh-doc-save"
          >
            {t('warehouse.doc.saveDraft')}
          </Button>
        )}
        {editable && canPost && (
          <Button
            type="primary"
            onClick={() => void post()}
            loading={busy === 'post'}
            disabled={!!busy && busy !== 'post'}
            data-testid="wh-doc-post"
          >
            {t('warehouse.doc.post')}
          </Button>
        )}
      </Space>
    </div>
  ) : null;

  return (
    <Drawer
      open={!!target}
      onClose={close}
      title={<span data-testid="wh-doc-title">{title}</span>}
      size={1120}
      forceRender
      destroyOnHidden={false}
      footer={footer}
      className="wh-doc-drawer"
      mask={{ closable: !dirty }}
      afterOpenChange={(o) => {
        if (!o) {
          setDoc(null);
          form.resetFields();
          setDirty(false);
          setNegative(null);
        }
      }}
    >
      <div onKeyDown={onKeyDown} data-testid="wh-doc-drawer">
        {loadError ? (
          <Alert
            type="error"
            showIcon
            title={t('warehouse.doc.loadFailed')}
            description={loadError}
            action={
              target && target !== 'new' ? (
                <Button onClick={() => void load(target)}>{t('common.reload')}</Button>
              ) : undefined
            }
          />
        ) : loading && !doc ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : doc && !editable ? (
          <PostedView doc={doc} />
        ) : (
          <Form<DocValues>
            form={form}
            layout="vertical"
            disabled={!!busy}
            onValuesChange={changed}
            data-testid="wh-doc-form"
          >
            <div className="wh-doc-grid">
              <Form.Item name="type" label={t('warehouse.doc.type')} rules={[{ required: true }]}>
                <Select<DocType>
                  data-testid="wh-doc-type"
                  aria-label={t('warehouse.doc.type')}
                  options={DOC_TYPES.map((v) => ({ value: v, label: t(`warehouse.types.${v}`) }))}
                  onChange={(v) => {
                    // Costs are typed on receipts only; a transfer needs a destination bin.
                    if (DIRECTION[v] !== 'in') {
                      const all = (form.getFieldValue('lines') as LineValues[] | undefined) ?? [];
                      form.setFieldValue(
                        'lines',
                        all.map((l) => ({ ...l, unitCost: '' })),
                      );
                    }
                  }}
                />
              </Form.Item>
              <Form.Item name="docDate" label={t('warehouse.doc.date')} rules={[{ required: true }]}>
                <DatePicker data-testid="wh-doc-date" allowClear={false} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="counterpart" label={t(`warehouse.doc.${counterpartLabel(type)}`)}>
                <Input
                  data-testid="wh-doc-counterpart"
                  maxLength={100}
                  placeholder={
                    type === 'purchase_in'
                      ? t('warehouse.doc.supplierPlaceholder')
                      : t('warehouse.doc.counterpartPlaceholder')
                  }
                />
              </Form.Item>
              {type === 'sales_out' || type === 'return_in' ? (
                <Form.Item name="orderRef" label={t('warehouse.doc.orderRef')}>
                  <Input
                    data-testid="wh-doc-order"
                    maxLength={64}
                    placeholder={t('warehouse.doc.orderRefPlaceholder')}
                    className="code-input"
                  />
                </Form.Item>
              ) : (
                <Form.Item name="reason" label={t('warehouse.doc.reason')}>
                  <Input
                    data-testid="wh-doc-reason"
                    maxLength={200}
                    placeholder={t('warehouse.doc.reasonPlaceholder')}
                  />
                </Form.Item>
              )}
              <Form.Item name="notes" label={t('warehouse.doc.notes')} className="wh-doc-grid__wide">
                <Input.TextArea
                  data-testid="wh-doc-notes"
                  autoSize={{ minRows: 1, maxRows: 3 }}
                  maxLength={2000}
                  placeholder={t('warehouse.doc.notesPlaceholder')}
                />
              </Form.Item>
            </div>

            <div className="sku-editor__head">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('warehouse.doc.lines')}
                <Typography.Text type="secondary" className="sku-editor__count" data-testid="wh-doc-summary">
                  {direction === 'in'
                    ? t('warehouse.doc.lineCount', {
                        count: lines.length,
                        qty: lines.reduce((n, l) => n + (l?.quantity ?? 0), 0),
                        amount: formatYuan(
                          lines.reduce(
                            (n, l) => n + (parseYuan(l?.unitCost ?? '') ?? 0) * (l?.quantity ?? 0),
                            0,
                          ),
                        ),
                      })
                    : t('warehouse.doc.lineCountQty', {
                        count: lines.length,
                        qty: lines.reduce((n, l) => n + (l?.quantity ?? 0), 0),
                      })}
                </Typography.Text>
              </Typography.Title>
            </div>

            <div className="wh-scan">
              <div className="wh-scan__input">
                <Input
                  ref={scanRef}
                  data-testid="wh-doc-scan"
                  aria-label={t('warehouse.doc.scanLabel')}
                  prefix={<BarcodeOutlined aria-hidden />}
                  placeholder={t('warehouse.doc.scanPlaceholder')}
                  value={scanText}
                  onChange={(e) => setScanText(e.target.value)}
                  onKeyDown={onScanKeyDown}
                  maxLength={64}
                  autoComplete="off"
                />
                <Typography.Text
                  className="wh-scan__error"
                  type={scanFeedback?.kind === 'error' ? 'danger' : 'success'}
                  role={scanFeedback?.kind === 'error' ? 'alert' : 'status'}
                  data-testid="wh-doc-scan-feedback"
                >
                  {scanFeedback?.text ?? '\u00a0'}
                </Typography.Text>
              </div>
              <BinSelect
                className="wh-scan__bin"
                bins={bins}
                value={curBin}
                onChange={(v) => setCurBin(v)}
                prefix={
                  <span className="select-prefix">
                    {direction === 'transfer'
                      ? t('warehouse.doc.cols.fromBin')
                      : t('warehouse.doc.currentBin')}
                  </span>
                }
                aria-label={t('warehouse.doc.currentBin')}
                data-testid="wh-doc-scan-bin"
                style={{ width: 230 }}
              />
              {direction === 'transfer' && (
                <BinSelect
                  bins={bins}
                  value={curToBin}
                  onChange={(v) => setCurToBin(v)}
                  prefix={<span className="select-prefix">{t('warehouse.doc.currentToBin')}</span>}
                  aria-label={t('warehouse.doc.currentToBin')}
                  data-testid="wh-doc-scan-tobin"
                  style={{ width: 230 }}
                />
              )}
            </div>

            {formError && (
              <Alert type="error" showIcon title={formError} style={{ marginBottom: 8 }} role="alert" />
            )}
            {negative && (
              <Alert
                type="error"
                showIcon
                role="alert"
                data-testid="wh-doc-negative"
                title={t('warehouse.doc.negativeTitle')}
                description={
                  <>
                    <div>{negative}</div>
                    {!canOverride && <div>{t('warehouse.doc.askSupervisor')}</div>}
                  </>
                }
                style={{ marginBottom: 8 }}
                action={
                  canOverride ? (
                    <Button danger onClick={() => setForceOpen(true)} data-testid="wh-doc-force">
                      {t('warehouse.doc.forcePost')}
                    </Button>
                  ) : undefined
                }
              />
            )}
            <LineEditor
              form={form}
              bins={bins}
              type={type}
              flash={flash}
              onChange={changed}
              newLine={() => ({
                ...(curBin ? { binId: curBin } : {}),
                ...(direction === 'transfer' && curToBin ? { toBinId: curToBin } : {}),
                quantity: 1,
                unitCost: '',
                note: '',
              })}
            />
          </Form>
        )}
      </div>
      <ReasonModal
        open={forceOpen}
        title={t('warehouse.doc.forceTitle')}
        body={t('warehouse.doc.forceBody')}
        label={t('warehouse.doc.forceReason')}
        placeholder={t('warehouse.doc.forceReasonPlaceholder')}
        okText={t('warehouse.doc.forceOk')}
        testId="wh-doc-force"
        onCancel={() => setForceOpen(false)}
        onOk={async (reason) => {
          if (!doc) return;
          if (await doPost(doc, reason)) setForceOpen(false);
          else setForceOpen(false);
        }}
      />
      <ReasonModal
        open={reverseOpen}
        title={doc ? t('warehouse.doc.reverseTitle', { number: doc.number }) : ''}
        body={t('warehouse.doc.reverseBody')}
        label={t('warehouse.doc.reverseReason')}
        placeholder={t('warehouse.doc.reverseReasonPlaceholder')}
        okText={t('warehouse.doc.reverseOk')}
        testId="wh-doc-reverse"
        onCancel={() => setReverseOpen(false)}
        onOk={async (reason) => {
          if (await reverse(reason)) setReverseOpen(false);
        }}
      />
    </Drawer>
  );
}

/** The editable lines of a draft. */
function LineEditor({
  form,
  bins,
  type,
  flash,
  onChange,
  newLine,
}: {
  form: FormInstance<DocValues>;
  bins: Bin[];
  type: DocType;
  flash: { index: number; n: number } | null;
  onChange(): void;
  newLine(): LineValues;
}) {
  const { t } = useTranslation();
  const direction = DIRECTION[type];
  const lines = (Form.useWatch('lines', form) as LineValues[] | undefined) ?? [];
  return (
    <Form.List name="lines">
      {(fields, { add, remove }) => {
        const columns: TableProps<FormListFieldData>['columns'] = [
          {
            key: 'n',
            title: '#',
            width: 40,
            render: (_, f) => <span className="num">{f.name + 1}</span>,
          },
          {
            key: 'sku',
            title: <span className="required-mark">{t('warehouse.doc.cols.sku')}</span>,
            render: (_, f) => (
              <Form.Item
                name={[f.name, 'skuId']}
                className="cell-item"
                rules={[{ required: true, message: t('warehouse.doc.skuRequired') }]}
              >
                <SkuSelect
                  data-testid={`wh-doc-line-sku-${f.name}`}
                  aria-label={t('warehouse.doc.cols.sku')}
                  style={{ width: '100%' }}
                  popupMatchSelectWidth={460}
                  onChange={(_id, sku) => {
                    if (direction === 'in' && sku?.costFen !== undefined) {
                      const cur = form.getFieldValue(['lines', f.name, 'unitCost']) as string | undefined;
                      if (!cur?.trim())
                        form.setFieldValue(['lines', f.name, 'unitCost'], formatYuan(sku.costFen));
                    }
                  }}
                />
              </Form.Item>
            ),
          },
          {
            key: 'bin',
            title: (
              <span className="required-mark">
                {direction === 'transfer' ? t('warehouse.doc.cols.fromBin') : t('warehouse.doc.cols.bin')}
              </span>
            ),
            width: 130,
            render: (_, f) => (
              <Form.Item
                name={[f.name, 'binId']}
                className="cell-item"
                rules={[{ required: true, message: t('warehouse.doc.binRequired') }]}
              >
                <BinSelect
                  bins={bins}
                  data-testid={`wh-doc-line-bin-${f.name}`}
                  aria-label={t('warehouse.doc.cols.bin')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            ),
          },
          ...(direction === 'transfer'
            ? [
                {
                  key: 'toBin',
                  title: <span className="required-mark">{t('warehouse.doc.cols.toBin')}</span>,
                  width: 130,
                  render: (_: unknown, f: FormListFieldData) => (
                    <Form.Item
                      name={[f.name, 'toBinId']}
                      className="cell-item"
                      dependencies={[['lines', f.name, 'binId']]}
                      rules={[
                        { required: true, message: t('warehouse.doc.toBinRequired') },
                        {
                          validator: (_r: unknown, v: string | undefined) =>
                            v && v === form.getFieldValue(['lines', f.name, 'binId'])
                              ? Promise.reject(new Error(t('warehouse.doc.sameBin')))
                              : Promise.resolve(),
                        },
                      ]}
                    >
                      <BinSelect
                        bins={bins}
                        data-testid={`wh-doc-line-tobin-${f.name}`}
                        aria-label={t('warehouse.doc.cols.toBin')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  ),
                },
              ]
            : []),
          {
            key: 'quantity',
            title: <span className="required-mark">{t('warehouse.doc.cols.quantity')}</span>,
            width: 104,
            render: (_, f) => (
              <Form.Item
                name={[f.name, 'quantity']}
                className="cell-item"
                rules={[{ required: true, message: t('warehouse.doc.qtyRequired') }]}
              >
                <InputNumber
                  data-testid={`wh-doc-line-qty-${f.name}`}
                  aria-label={t('warehouse.doc.cols.quantity')}
                  min={1}
                  max={1_000_000}
                  precision={0}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            ),
          },
          ...(direction === 'in'
            ? [
                {
                  key: 'unitCost',
                  title: t('warehouse.doc.cols.unitCost'),
                  width: 112,
                  render: (_: unknown, f: FormListFieldData) => (
                    <Form.Item
                      name={[f.name, 'unitCost']}
                      className="cell-item"
                      rules={[
                        {
                          validator: (_r: unknown, v: string | undefined) =>
                            !v || !v.trim() || parseYuan(v) !== null
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('warehouse.doc.costInvalid'))),
                        },
                      ]}
                    >
                      <Input
                        data-testid={`wh-doc-line-cost-${f.name}`}
                        aria-label={t('warehouse.doc.cols.unitCost')}
                        placeholder={t('warehouse.doc.costPlaceholder')}
                        inputMode="decimal"
                        className="num"
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'amount',
                  title: t('warehouse.doc.cols.amount'),
                  width: 100,
                  align: 'right' as const,
                  render: (_: unknown, f: FormListFieldData) => {
                    const l = lines[f.name];
                    const cost = l ? parseYuan(l.unitCost ?? '') : null;
                    return (
                      <span className="num" style={{ lineHeight: '32px' }}>
                        {cost !== null && l?.quantity ? formatYuan(cost * l.quantity) : '—'}
                      </span>
                    );
                  },
                },
              ]
            : []),
          {
            key: 'remove',
            width: 44,
            render: (_, f) => (
              <Tooltip title={t('warehouse.doc.removeLine')}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('warehouse.doc.removeLine')}
                  data-testid={`wh-doc-line-remove-${f.name}`}
                  onClick={() => {
                    remove(f.name);
                    onChange();
                  }}
                />
              </Tooltip>
            ),
          },
        ];
        return (
          <section aria-label={t('warehouse.doc.lines')}>
            <Table<FormListFieldData>
              className="wh-lines sku-table"
              data-testid="wh-doc-lines"
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={fields}
              pagination={false}
              scroll={{ x: 820 }}
              rowClassName={(f) => (flash && f.name === flash.index ? `wh-flash-${flash.n % 2}` : '')}
              locale={{ emptyText: t('warehouse.doc.noLines') }}
            />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              style={{ marginTop: 8 }}
              block
              onClick={() => {
                add(newLine());
                onChange();
                requestAnimationFrame(() =>
                  document
                    .querySelector<HTMLElement>(`[data-testid="wh-doc-line-sku-${fields.length}"] input`)
                    ?.focus(),
                );
              }}
              data-testid="wh-doc-add-line"
            >
              {t('warehouse.doc.addLine')}
            </Button>
          </section>
        );
      }}
    </Form.List>
  );
}

/** A posted document: read-only, with links to its reversal or original. */
function PostedView({ doc }: { doc: StockDocument }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const openDocument = useWarehouse((s) => s.openDocument);
  const direction = DIRECTION[doc.type];
  return (
    <div data-testid="wh-doc-posted">
      {doc.status === 'posted' ? (
        <Alert
          type={doc.reversedById ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <Space wrap size={4}>
              <span>
                {doc.postedAt &&
                  (doc.postedByName
                    ? t('warehouse.doc.postedInfo', {
                        name: doc.postedByName,
                        time: formatDateTime(doc.postedAt, timeZone),
                      })
                    : t('warehouse.doc.postedInfoAt', { time: formatDateTime(doc.postedAt, timeZone) }))}
              </span>
              <Typography.Text type="secondary">{t('warehouse.doc.readOnlyPosted')}</Typography.Text>
            </Space>
          }
          description={
            doc.reversedById || doc.reversesId || doc.overrideReason ? (
              <div>
                {doc.overrideReason && (
                  <div data-testid="wh-doc-override-info">
                    {t('warehouse.doc.overrideInfo', { reason: doc.overrideReason })}
                  </div>
                )}
                {doc.reversedById && (
                  <div>
                    {t('warehouse.doc.reversedBy')}
                    <Button
                      type="link"
                      size="small"
                      onClick={() => openDocument(doc.reversedById)}
                      data-testid="wh-doc-link-reversal"
                    >
                      {doc.reversedByNumber}
                    </Button>
                  </div>
                )}
                {doc.reversesId && (
                  <div>
                    {t('warehouse.doc.reverses')}
                    <Button
                      type="link"
                      size="small"
                      onClick={() => openDocument(doc.reversesId)}
                      data-testid="wh-doc-link-original"
                    >
                      {doc.reversesNumber}
                    </Button>
                  </div>
                )}
              </div>
            ) : undefined
          }
        />
      ) : null}
      <Descriptions column={3} size="small" bordered>
        <Descriptions.Item label={t('warehouse.doc.type')}>
          <Tag color={TYPE_COLOR[doc.type]}>{t(`warehouse.types.${doc.type}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('warehouse.docs.number')}>
          <span className="num">{doc.number}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('warehouse.doc.date')}>
          <span className="num">{doc.docDate}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(`warehouse.doc.${counterpartLabel(doc.type)}`)}>
          {doc.counterpart || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('warehouse.doc.reason')}>{doc.reason || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('warehouse.doc.orderRef')}>
          <span className="num">{doc.orderRef || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('warehouse.doc.notes')} span={3}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{doc.notes || '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('warehouse.doc.lines')}
        <Typography.Text type="secondary" className="sku-editor__count">
          {t('warehouse.doc.lineCount', {
            count: doc.lineCount,
            qty: doc.totalQuantity,
            amount: formatYuan(doc.totalFen),
          })}
        </Typography.Text>
      </Typography.Title>
      <Table<StockDocumentLine>
        size="small"
        rowKey="id"
        dataSource={doc.lines}
        pagination={false}
        scroll={{ x: 820 }}
        data-testid="wh-doc-posted-lines"
        columns={[
          { key: 'n', dataIndex: 'lineNo', title: '#', width: 44 },
          {
            key: 'sku',
            title: t('warehouse.doc.cols.sku'),
            render: (_, l) => (
              <span className="wh-line-sku">
                <span className="num">{l.skuCode}</span>
                <span className="wh-line-sku__title" title={`${l.title} ${l.spec}`}>
                  {l.title}
                  {l.spec ? ` · ${l.spec}` : ''}
                </span>
              </span>
            ),
          },
          {
            key: 'bin',
            dataIndex: 'binCode',
            title: direction === 'transfer' ? t('warehouse.doc.cols.fromBin') : t('warehouse.doc.cols.bin'),
            width: 120,
            render: (v: string) => <span className="num">{v}</span>,
          },
          ...(direction === 'transfer'
            ? [
                {
                  key: 'toBin',
                  dataIndex: 'toBinCode',
                  title: t('warehouse.doc.cols.toBin'),
                  width: 120,
                  render: (v: string | null) => <span className="num">{v ?? '—'}</span>,
                },
              ]
            : []),
          {
            key: 'qty',
            dataIndex: 'quantity',
            title: t('warehouse.doc.cols.quantity'),
            width: 90,
            align: 'right',
            render: (v: number) => <span className="num">{v}</span>,
          },
          {
            key: 'cost',
            dataIndex: 'unitCostFen',
            title: t('warehouse.doc.cols.unitCost'),
            width: 110,
            align: 'right',
            render: (v: number) => <span className="num">{formatYuan(v)}</span>,
          },
          {
            key: 'amount',
            dataIndex: 'amountFen',
            title: t('warehouse.doc.cols.amount'),
            width: 110,
            align: 'right',
            render: (v: number) => <span className="num">{formatYuan(v)}</span>,
          },
        ]}
      />
    </div>
  );
}

/** Asks for a reason (强制过账, 冲销) before the action. */
function ReasonModal({
  open,
  title,
  body,
  label,
  placeholder,
  okText,
  testId,
  onCancel,
  onOk,
}: {
  open: boolean;
  title: string;
  body: string;
  label: string;
  placeholder: string;
  okText: string;
  testId: string;
  onCancel(): void;
  onOk(reason: string): Promise<void>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  async function submit() {
    const r = reason.trim();
    if (!r) {
      setError(true);
      return;
    }
    setBusy(true);
    try {
      await onOk(r);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      onOk={() => void submit()}
      okText={okText}
      okButtonProps={{ danger: true, 'data-testid': `${testId}-confirm` }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      afterOpenChange={(o) => {
        if (!o) {
          setReason('');
          setError(false);
        }
      }}
      width={480}
    >
      <Typography.Paragraph>{body}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item
          label={label}
          required
          validateStatus={error ? 'error' : undefined}
          help={error ? t('warehouse.doc.forceReasonRequired') : undefined}
        >
          <Input.TextArea
            data-testid={`${testId}-reason`}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setError(false);
            }}
            placeholder={placeholder}
            maxLength={200}
            autoSize={{ minRows: 2, maxRows: 4 }}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
