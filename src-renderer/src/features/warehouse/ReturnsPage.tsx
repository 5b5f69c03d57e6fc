// 退货验收: return_in drafts announced by after-sales wait here; 验收 splits each SKU into good
// (→ a normal bin), defective (→ the defects bin) and written off (报废), and posts the result
// (returns.inspect). 登记退货（无预约） does the same for a parcel nobody announced.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockDocument, StockDocumentRow } from '../../../../src-main/api/contract';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { useRelocalizeErrors } from '../../components/useRelocalizeErrors';
import { useCan, useSession } from '../../stores/session';
import { activeBins, useWarehouse } from '../../stores/warehouse';
import { BinSelect, rememberSku, SkuSelect } from './pickers';

export function ReturnsPage() {
  const { t } = useTranslation();
  const staffId = useSession((s) => s.session?.staff.id);
  const canPost = useCan('warehouse.post');
  const { loadBins } = useWarehouse.getState();
  const [rows, setRows] = useState<StockDocumentRow[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** A draft's id, 'walkIn', or null. */
  const [inspecting, setInspecting] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api.warehouse.listDocuments({ type: 'return_in', status: 'draft', limit: 200 }).then(
        (page) => {
          setRows(page.rows.filter((r) => r.orderRef));
          setError(null);
          setLoaded(true);
        },
        (e: unknown) => {
          setError(errorText(e));
          setLoaded(true);
        },
      ),
    [],
  );

  useEffect(() => {
    void load();
    void loadBins();
  }, [load, loadBins, staffId]);

  const columns: TableProps<StockDocumentRow>['columns'] = [
    {
      key: 'orderRef',
      dataIndex: 'orderRef',
      title: t('returns.orderRef'),
      width: 200,
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      key: 'number',
      dataIndex: 'number',
      title: t('returns.number'),
      width: 210,
      render: (v: string) => <span className="num">{v}</span>,
    },
    { key: 'buyer', dataIndex: 'counterpart', title: t('returns.buyer'), width: 140, ellipsis: true },
    { key: 'reason', dataIndex: 'reason', title: t('returns.reason'), ellipsis: true },
    {
      key: 'qty',
      dataIndex: 'totalQuantity',
      title: t('returns.quantity'),
      width: 72,
      align: 'right',
      render: (v: number) => <span className="num">{v}</span>,
    },
    {
      key: 'date',
      dataIndex: 'docDate',
      title: t('returns.date'),
      width: 110,
      render: (v: string) => <span className="num">{v}</span>,
    },
    {
      key: 'actions',
      title: t('returns.actions'),
      width: 100,
      render: (_, r) =>
        canPost && (
          <Button
            size="small"
            type="primary"
            onClick={() => setInspecting(r.id)}
            data-testid={`ret-inspect-${r.orderRef}`}
          >
            {t('returns.inspect')}
          </Button>
        ),
    },
  ];

  return (
    <div className="wh-page" data-testid="wh-returns">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {t('returns.intro')}
      </Typography.Paragraph>
      <div className="toolbar">
        <span style={{ marginLeft: 'auto' }} />
        {canPost && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setInspecting('walkIn')}
            data-testid="ret-walkin"
          >
            {t('returns.walkIn')}
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Table<StockDocumentRow>
        data-testid="ret-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={!loaded}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{
          emptyText: loaded ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('returns.empty')} />
          ) : (
            <span />
          ),
        }}
      />
      <InspectModal
        target={inspecting}
        onClose={(done) => {
          setInspecting(null);
          if (done) void load();
        }}
      />
    </div>
  );
}

interface LineValues {
  skuId?: string;
  expected?: number;
  goodBinId?: string;
  good?: number;
  defective?: number;
  scrap?: number;
}
interface Values {
  orderRef: string;
  counterpart: string;
  reason: string;
  defectsBinId?: string;
  lines: LineValues[];
}
const mapField = fieldsOf(['orderRef', 'counterpart', 'reason', 'defectsBinId', 'lines']);

function InspectModal({ target, onClose }: { target: string | null; onClose(done: boolean): void }) {
  const { t } = useTranslation();
  const bins = useWarehouse((s) => s.bins);
  const [form] = Form.useForm<Values>();
  useRelocalizeErrors(form);
  const [doc, setDoc] = useState<StockDocument | null>(null);
  const [busy, setBusy] = useState(false);
  const walkIn = target === 'walkIn';
  const defectBins = useMemo(() => activeBins(bins).filter((b) => b.kind === 'defects'), [bins]);
  const normalBins = useMemo(() => bins.filter((b) => b.kind === 'normal'), [bins]);
  const lines = (Form.useWatch('lines', form) as LineValues[] | undefined) ?? [];
  const sum = (k: 'good' | 'defective' | 'scrap') => lines.reduce((n, l) => n + (l?.[k] ?? 0), 0);

  useEffect(() => {
    setDoc(null);
    if (!target) return;
    const defectsBinId = defectBins[0]?.id;
    if (walkIn) {
      form.setFieldsValue({
        orderRef: '',
        counterpart: '',
        reason: '',
        defectsBinId,
        lines: [{ good: 1, defective: 0, scrap: 0 }],
      });
      return;
    }
    let live = true;
    api.warehouse
      .getDocument({ id: target })
      .then((d) => {
        if (!live) return;
        setDoc(d);
        // One row per SKU: expected = what after-sales announced; all good until inspected.
        const bySku = new Map<string, LineValues>();
        for (const l of d.lines) {
          rememberSku({ skuId: l.skuId, code: l.skuCode, title: l.title, spec: l.spec });
          const row = bySku.get(l.skuId);
          if (row) {
            row.expected! += l.quantity;
            row.good! += l.quantity;
          } else
            bySku.set(l.skuId, {
              skuId: l.skuId,
              expected: l.quantity,
              goodBinId: l.binId,
              good: l.quantity,
              defective: 0,
              scrap: 0,
            });
        }
        form.setFieldsValue({
          orderRef: d.orderRef,
          counterpart: d.counterpart,
          reason: d.reason,
          defectsBinId,
          lines: [...bySku.values()],
        });
      })
      .catch((e: unknown) => {
        reportError(e);
        onClose(false);
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target]);

  async function submit() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const r = await api.returns.inspect({
        ...(doc ? { documentId: doc.id, expectedVersion: doc.version } : { orderRef: v.orderRef }),
        counterpart: v.counterpart ?? '',
        reason: v.reason ?? '',
        ...(v.defectsBinId ? { defectsBinId: v.defectsBinId } : {}),
        lines: v.lines.map((l) => ({
          skuId: l.skuId!,
          ...(l.goodBinId ? { goodBinId: l.goodBinId } : {}),
          good: l.good ?? 0,
          defective: l.defective ?? 0,
          scrap: l.scrap ?? 0,
        })),
      });
      ui().message.success(
        r.scrapDocument
          ? t('returns.doneScrap', { number: r.returnDocument.number, scrap: r.scrapDocument.number })
          : t('returns.done', { number: r.returnDocument.number }),
      );
      onClose(true);
    } catch (e) {
      reportError(e, { form, map: mapField });
    } finally {
      setBusy(false);
    }
  }

  const count = (name: number, k: 'good' | 'defective' | 'scrap', testId: string) => (
    <Form.Item name={[name, k]} style={{ marginBottom: 8 }}>
      <InputNumber
        min={0}
        max={1_000_000}
        precision={0}
        style={{ width: 76 }}
        aria-label={t(`returns.${k}`)}
        data-testid={testId}
      />
    </Form.Item>
  );

  return (
    <Modal
      open={!!target}
      title={walkIn ? t('returns.walkInTitle') : t('returns.inspectTitle', { orderRef: doc?.orderRef ?? '' })}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      okText={t('returns.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'ret-submit' }}
      width={980}
      forceRender
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical">
        <Space align="start" wrap>
          <Form.Item
            name="orderRef"
            label={t('returns.orderRef')}
            rules={[{ required: true, whitespace: true, message: t('returns.orderRefRequired') }]}
          >
            <Input
              style={{ width: 240 }}
              maxLength={64}
              disabled={!walkIn}
              placeholder={t('returns.orderRefPlaceholder')}
              data-testid="ret-orderref"
            />
          </Form.Item>
          <Form.Item name="counterpart" label={t('returns.buyer')}>
            <Input style={{ width: 180 }} maxLength={100} placeholder={t('returns.buyerPlaceholder')} />
          </Form.Item>
          <Form.Item name="reason" label={t('returns.reason')}>
            <Input style={{ width: 220 }} maxLength={200} placeholder={t('returns.reasonPlaceholder')} />
          </Form.Item>
          <Form.Item name="defectsBinId" label={t('returns.defectsBin')}>
            <BinSelect bins={defectBins} style={{ width: 140 }} data-testid="ret-defects-bin" />
          </Form.Item>
        </Space>
        {!defectBins.length && (
          <Alert type="warning" showIcon title={t('returns.noDefectsBin')} style={{ marginBottom: 12 }} />
        )}
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <table className="ret-lines">
              <thead>
                <tr>
                  <th>{t('returns.sku')}</th>
                  {!walkIn && <th className="num">{t('returns.expected')}</th>}
                  <th>{t('returns.good')}</th>
                  <th>{t('returns.goodBin')}</th>
                  <th>{t('returns.defective')}</th>
                  <th>{t('returns.scrap')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {fields.map((f, i) => (
                  <tr key={f.key}>
                    <td>
                      <Form.Item
                        name={[f.name, 'skuId']}
                        style={{ marginBottom: 8 }}
                        rules={[{ required: true, message: t('shipping.skuRequired') }]}
                      >
                        <SkuSelect style={{ width: 320 }} disabled={!walkIn} data-testid={`ret-sku-${i}`} />
                      </Form.Item>
                    </td>
                    {!walkIn && (
                      <td className="num">
                        <Form.Item noStyle shouldUpdate>
                          {() => <span>{form.getFieldValue(['lines', f.name, 'expected']) as number}</span>}
                        </Form.Item>
                      </td>
                    )}
                    <td>{count(f.name, 'good', `ret-good-${i}`)}</td>
                    <td>
                      <Form.Item name={[f.name, 'goodBinId']} style={{ marginBottom: 8 }}>
                        <BinSelect
                          bins={normalBins}
                          allowClear
                          placeholder={t('returns.goodBinAuto')}
                          style={{ width: 160 }}
                          data-testid={`ret-goodbin-${i}`}
                        />
                      </Form.Item>
                    </td>
                    <td>{count(f.name, 'defective', `ret-defective-${i}`)}</td>
                    <td>{count(f.name, 'scrap', `ret-scrap-${i}`)}</td>
                    <td>
                      {walkIn && fields.length > 1 && (
                        <Button
                          icon={<DeleteOutlined />}
                          aria-label={t('shipping.removeLine')}
                          onClick={() => remove(f.name)}
                          style={{ marginBottom: 8 }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
                {walkIn && (
                  <tr>
                    <td colSpan={6}>
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => add({ good: 1, defective: 0, scrap: 0 })}
                      >
                        {t('returns.addLine')}
                      </Button>
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          )}
        </Form.List>
        <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 0 }} data-testid="ret-totals">
          {t('returns.totals', { good: sum('good'), defective: sum('defective'), scrap: sum('scrap') })}
        </Typography.Paragraph>
      </Form>
    </Modal>
  );
}
