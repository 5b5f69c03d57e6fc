// 验货打包 + 发货 for one order: scan each item (barcode or 商家编码); main records every scan and
// answers ok / wrong / extra / unknown — a refused one beeps and says what is wrong in words a
// packer reads at a glance. Once every unit is ticked: carrier + tracking number → 发货.
import { CheckCircleFilled } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Form,
  Input,
  Modal,
  Progress,
  Space,
  Table,
  Tag,
  Typography,
  type InputRef,
} from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackLine, PackResult, PackState } from '../../../../src-main/api/contract';
import { CARRIERS } from '../../../../src-main/api/values';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { useRelocalizeErrors } from '../../components/useRelocalizeErrors';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { errorBeep } from './beep';

const RESULT_COLOR: Record<PackResult, string> = {
  ok: 'success',
  wrong: 'error',
  extra: 'warning',
  unknown: 'default',
};
const RESULT_KEY = {
  ok: 'shipping.resultOk',
  wrong: 'shipping.resultWrong',
  extra: 'shipping.resultExtra',
  unknown: 'shipping.resultUnknown',
} as const;

interface ShipValues {
  carrier: string;
  trackingNo: string;
}
const mapField = fieldsOf(['carrier', 'trackingNo']);

export function PackModal({
  documentId,
  onClose,
}: {
  documentId: string | null;
  onClose(changed: boolean): void;
}) {
  // Keyed by the order: a fresh state for each one opened.
  return documentId ? <PackDialog key={documentId} documentId={documentId} onClose={onClose} /> : null;
}

function PackDialog({ documentId, onClose }: { documentId: string; onClose(changed: boolean): void }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canPost = useCan('warehouse.post');
  const canWrite = useCan('warehouse.write');
  const [state, setState] = useState<PackState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [scanText, setScanText] = useState('');
  const [feedback, setFeedback] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [shipping, setShipping] = useState(false);
  const [changed, setChanged] = useState(false);
  const scanRef = useRef<InputRef>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const [form] = Form.useForm<ShipValues>();
  useRelocalizeErrors(form);

  useEffect(() => {
    let live = true;
    api.shipping
      .packState({ documentId })
      .then((st) => {
        if (!live) return;
        setState(st);
        requestAnimationFrame(() => scanRef.current?.focus());
      })
      .catch((e: unknown) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, [documentId]);

  async function handleScan(code: string) {
    try {
      const a = await api.shipping.packScan({ documentId, code });
      setState(a.state);
      setChanged(true);
      const label = a.skuCode ?? code;
      if (a.result === 'ok') {
        const line = a.state.lines.find((l) => l.code === a.skuCode);
        setFeedback({
          kind: 'ok',
          text: a.state.packed
            ? t('shipping.scanAllDone')
            : t('shipping.scanOk', { code: label, checked: line?.checked ?? 0, total: line?.quantity ?? 0 }),
        });
        if (a.state.packed) requestAnimationFrame(() => document.getElementById('ship-carrier')?.focus());
      } else {
        errorBeep();
        const key =
          a.result === 'wrong'
            ? 'shipping.scanWrong'
            : a.result === 'extra'
              ? 'shipping.scanExtra'
              : 'shipping.scanUnknown';
        setFeedback({ kind: 'error', text: t(key, { code: label }) });
      }
    } catch (e) {
      errorBeep();
      setFeedback({ kind: 'error', text: errorText(e) });
    }
  }

  function onScanKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const code = scanText.trim();
    setScanText('');
    if (!code) return;
    chain.current = chain.current.then(() => handleScan(code)).catch(() => {});
  }

  async function ship() {
    if (!state) return;
    let v: ShipValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setShipping(true);
    try {
      const s = await api.shipping.ship({
        documentId: state.documentId,
        carrier: v.carrier,
        trackingNo: v.trackingNo,
      });
      ui().message.success(
        t('shipping.shipped', { orderRef: state.orderRef, carrier: s.carrier, trackingNo: s.trackingNo }),
      );
      form.resetFields();
      onClose(true);
    } catch (e) {
      errorBeep();
      reportError(e, { form, map: mapField });
    } finally {
      setShipping(false);
    }
  }

  const columns = [
    {
      key: 'code',
      title: t('shipping.colCode'),
      width: 150,
      render: (_: unknown, l: PackLine) => <span className="num">{l.code}</span>,
    },
    {
      key: 'item',
      title: t('shipping.colItem'),
      ellipsis: true,
      render: (_: unknown, l: PackLine) => `${l.title}${l.spec ? ` · ${l.spec}` : ''}`,
    },
    {
      key: 'bins',
      title: t('shipping.colBins'),
      width: 110,
      render: (_: unknown, l: PackLine) => <span className="num">{l.binCodes.join('、')}</span>,
    },
    {
      key: 'need',
      title: t('shipping.colNeed'),
      width: 64,
      align: 'right' as const,
      render: (_: unknown, l: PackLine) => <span className="num">{l.quantity}</span>,
    },
    {
      key: 'checked',
      title: t('shipping.colChecked'),
      width: 90,
      align: 'right' as const,
      render: (_: unknown, l: PackLine) => (
        <span className="num" data-testid={`pack-checked-${l.code}`}>
          {l.checked >= l.quantity && <CheckCircleFilled style={{ color: '#52c41a', marginRight: 4 }} />}
          {l.checked}/{l.quantity}
        </span>
      ),
    },
  ];

  const percent =
    state && state.totalQuantity ? Math.round((state.checkedQuantity / state.totalQuantity) * 100) : 0;
  return (
    <Modal
      open
      title={state ? t('shipping.packTitle', { orderRef: state.orderRef }) : t('common.loading')}
      onCancel={() => onClose(changed)}
      footer={null}
      width={900}
      destroyOnHidden
    >
      {loadError && <Alert type="error" showIcon title={loadError} role="alert" />}
      {state && (
        <div data-testid="pack-modal">
          <Space size={24} wrap style={{ marginBottom: 12 }}>
            <span className="num">{state.number}</span>
            {state.counterpart && <span>{state.counterpart}</span>}
            {state.notes && <Typography.Text type="secondary">{state.notes}</Typography.Text>}
          </Space>
          {canWrite && (
            <div className="wh-scan" style={{ marginBottom: 12 }}>
              <div className="wh-scan__input">
                <Input
                  ref={scanRef}
                  size="large"
                  data-testid="pack-scan"
                  aria-label={t('shipping.scanLabel')}
                  placeholder={t('shipping.scanPlaceholder')}
                  value={scanText}
                  onChange={(e) => setScanText(e.target.value)}
                  onKeyDown={onScanKeyDown}
                  maxLength={64}
                  autoComplete="off"
                />
                <Typography.Text
                  className="wh-scan__error"
                  type={feedback?.kind === 'error' ? 'danger' : 'success'}
                  role={feedback?.kind === 'error' ? 'alert' : 'status'}
                  data-testid="pack-feedback"
                  strong={feedback?.kind === 'error'}
                >
                  {feedback?.text ?? '\u00a0'}
                </Typography.Text>
              </div>
            </div>
          )}
          <Progress percent={percent} size="small" style={{ marginBottom: 8 }} />
          <Table<PackLine>
            size="small"
            rowKey="skuId"
            columns={columns}
            dataSource={state.lines}
            pagination={false}
            data-testid="pack-lines"
          />
          {state.scans.length > 0 && (
            <div style={{ marginTop: 12 }}>
              <Typography.Text strong>{t('shipping.history')}</Typography.Text>
              <div className="pack-history" data-testid="pack-history">
                {state.scans.slice(0, 8).map((s, i) => (
                  <div key={i}>
                    <Tag color={RESULT_COLOR[s.result]}>{t(RESULT_KEY[s.result])}</Tag>
                    <span className="num">{s.skuCode ?? s.code}</span>
                    <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                      {formatDateTime(s.at, timeZone)}
                      {s.staffName ? ` · ${s.staffName}` : ''}
                    </Typography.Text>
                  </div>
                ))}
              </div>
            </div>
          )}
          {canPost && (
            <Form<ShipValues>
              form={form}
              layout="inline"
              style={{ marginTop: 16, rowGap: 8 }}
              initialValues={{ carrier: '', trackingNo: '' }}
              onFinish={() => void ship()}
            >
              <Form.Item
                name="carrier"
                label={t('shipping.carrier')}
                rules={[{ required: true, whitespace: true, message: t('shipping.carrierRequired') }]}
              >
                <AutoComplete
                  id="ship-carrier"
                  style={{ width: 180 }}
                  options={CARRIERS.map((c) => ({ value: c }))}
                  placeholder={t('shipping.carrierPlaceholder')}
                  data-testid="ship-carrier"
                  maxLength={40}
                  showSearch={{
                    filterOption: (input, o) => String(o?.value ?? '').includes(input.trim()),
                  }}
                />
              </Form.Item>
              <Form.Item
                name="trackingNo"
                label={t('shipping.trackingNo')}
                rules={[
                  { required: true, whitespace: true, message: t('shipping.trackingRequired') },
                  { pattern: /^\s*[A-Za-z0-9]{8,30}\s*$/, message: t('shipping.trackingFormat') },
                ]}
              >
                <Input
                  style={{ width: 240 }}
                  maxLength={40}
                  placeholder={t('shipping.trackingPlaceholder')}
                  data-testid="ship-tracking"
                  autoComplete="off"
                />
              </Form.Item>
              <Form.Item>
                <Button
                  type="primary"
                  htmlType="submit"
                  disabled={!state.packed}
                  loading={shipping}
                  data-testid="ship-submit"
                  title={state.packed ? undefined : t('shipping.shipNotReady')}
                >
                  {t('shipping.ship')}
                </Button>
              </Form.Item>
              {!state.packed && (
                <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                  {t('shipping.shipNotReady')}
                </Typography.Text>
              )}
            </Form>
          )}
        </div>
      )}
    </Modal>
  );
}
