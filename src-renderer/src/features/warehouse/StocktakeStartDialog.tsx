import {
  Alert,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StocktakeKind, StocktakeScope, StocktakeStartInput } from '../../../../src-main/api/contract';
import { STOCKTAKE_KINDS, STOCKTAKE_SCOPES } from '../../../../src-main/api/values';
import { api, fieldsOf, reportError } from '../../api';
import { activeBins, useWarehouse } from '../../stores/warehouse';
import { SkuSelect, type SkuBrief } from './pickers';

interface Values {
  kind: StocktakeKind;
  scope: StocktakeScope;
  from?: string;
  to?: string;
  size?: number;
  seed?: number | null;
  blind: boolean;
  note: string;
  /** Only a place for the picked SKUs' error message; the SKUs themselves are kept in state. */
  skus?: never;
}

/** 新建盘点: kind, scope (all / bin range / picked SKUs / random sample), blind, note. */
export function StocktakeStartDialog({
  open,
  onClose,
  onStarted,
}: {
  open: boolean;
  onClose(): void;
  onStarted(id: string): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const bins = activeBins(useWarehouse((s) => s.bins));
  const [skus, setSkus] = useState<SkuBrief[]>([]);
  const [busy, setBusy] = useState(false);
  const scope = Form.useWatch('scope', form) ?? 'all';
  const binOptions = bins.map((b) => ({ value: b.code, label: b.code }));

  async function submit() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (v.scope === 'skus' && !skus.length) {
      form.setFields([{ name: 'skus', errors: [t('stocktake.start.pickSkus')] }]);
      return;
    }
    const input: StocktakeStartInput = {
      kind: v.kind,
      blind: v.blind,
      note: v.note ?? '',
      scope:
        v.scope === 'bins'
          ? { type: 'bins', from: v.from!, to: v.to! }
          : v.scope === 'skus'
            ? { type: 'skus', skuIds: skus.map((s) => s.skuId) }
            : v.scope === 'sample'
              ? { type: 'sample', size: v.size!, ...(v.seed != null ? { seed: v.seed } : {}) }
              : { type: 'all' },
    };
    setBusy(true);
    try {
      const st = await api.stocktake.start(input);
      form.resetFields();
      setSkus([]);
      onStarted(st.id);
    } catch (e) {
      reportError(e, {
        form,
        map: (path) => {
          const m = /^scope\.(from|to|size|seed|skuIds)/.exec(path);
          if (m) return [m[1] === 'skuIds' ? 'skus' : m[1]!];
          return fieldsOf(['kind', 'blind', 'note'])(path);
        },
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('stocktake.start.title')}
      onCancel={onClose}
      onOk={submit}
      okText={t('stocktake.start.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'stk-start-submit' }}
      width={560}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'monthly', scope: 'all', blind: false, note: '', size: 20 }}
        requiredMark={false}
      >
        <Form.Item name="kind" label={t('stocktake.start.kind')}>
          <Radio.Group data-testid="stk-start-kind">
            {STOCKTAKE_KINDS.map((k) => (
              <Radio.Button key={k} value={k} data-testid={`stk-kind-${k}`}>
                {t(`stocktake.kinds.${k}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="scope" label={t('stocktake.start.scope')}>
          <Radio.Group data-testid="stk-start-scope">
            {STOCKTAKE_SCOPES.map((s) => (
              <Radio key={s} value={s} data-testid={`stk-scope-${s}`}>
                {t(`stocktake.scopes.${s}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        {scope === 'bins' && (
          <Space align="start" size={12}>
            <Form.Item
              name="from"
              label={t('stocktake.start.binFrom')}
              rules={[{ required: true, message: t('stocktake.start.pickBins') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={binOptions}
                style={{ width: 180 }}
                data-testid="stk-start-from"
                placeholder={t('warehouse.doc.pickBin')}
              />
            </Form.Item>
            <Form.Item
              name="to"
              label={t('stocktake.start.binTo')}
              rules={[{ required: true, message: t('stocktake.start.pickBins') }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={binOptions}
                style={{ width: 180 }}
                data-testid="stk-start-to"
                placeholder={t('warehouse.doc.pickBin')}
              />
            </Form.Item>
          </Space>
        )}
        {scope === 'skus' && (
          <Form.Item name="skus" label={t('stocktake.start.skus')}>
            <div>
              <SkuSelect
                value={undefined}
                placeholder={t('stocktake.start.addSku')}
                style={{ width: '100%' }}
                data-testid="stk-start-sku"
                onChange={(_, sku) => {
                  if (sku && !skus.some((s) => s.skuId === sku.skuId)) setSkus([...skus, sku]);
                  form.setFields([{ name: 'skus', errors: [] }]);
                }}
              />
              <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                {skus.map((s) => (
                  <Tag
                    key={s.skuId}
                    closable
                    onClose={() => setSkus(skus.filter((x) => x.skuId !== s.skuId))}
                  >
                    <span className="num">{s.code}</span>
                  </Tag>
                ))}
              </div>
            </div>
          </Form.Item>
        )}
        {scope === 'sample' && (
          <Space align="start" size={12} wrap>
            <Form.Item name="size" label={t('stocktake.start.sampleSize')} rules={[{ required: true }]}>
              <InputNumber
                min={1}
                max={10000}
                precision={0}
                suffix={t('stocktake.start.sampleSizeUnit')}
                style={{ width: 160 }}
                data-testid="stk-start-size"
              />
            </Form.Item>
            <Form.Item name="seed" label={t('stocktake.start.seed')} extra={t('stocktake.start.seedHint')}>
              <InputNumber min={0} max={2147483647} precision={0} style={{ width: 200 }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="blind" valuePropName="checked" extra={t('stocktake.start.blindHint')}>
          <Checkbox data-testid="stk-start-blind">{t('stocktake.start.blind')}</Checkbox>
        </Form.Item>
        <Form.Item name="note" label={t('stocktake.start.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="stk-start-note" />
        </Form.Item>
      </Form>
      <Alert
        type="info"
        showIcon
        title={<Typography.Text>{t('stocktake.start.snapshotHint')}</Typography.Text>}
      />
    </Modal>
  );
}
