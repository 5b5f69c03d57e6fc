import {
  DeleteOutlined,
  InboxOutlined,
  PlusOutlined,
  RollbackOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
  type FormInstance,
  type TableProps,
} from 'antd';
import type { FormListFieldData } from 'antd/es/form';
import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product, ProductInput, Sku } from '../../../../src-main/api/contract';
import { formatYuan, parseYuan } from '../../../../src-main/lib/money';
import { api, errorText, isFailure, reportError, ui, type FieldMapper } from '../../api';
import { closeAskingIfDirty } from '../../components/confirmDiscard';
import { formatDateTime } from '../../lib/time';
import { useCatalog } from '../../stores/catalog';
import { useCan, useSession } from '../../stores/session';
import { useRelocalizeErrors } from '../../components/useRelocalizeErrors';

interface SkuValues {
  id?: string;
  code: string;
  barcode: string;
  spec: string;
  /** Yuan as typed ("59.9"); converted with parseYuan on save. */
  cost: string;
  price: string;
  lowStockThreshold: number | null;
}
interface ProductValues {
  title: string;
  styleCode: string;
  category: string;
  listed: boolean;
  notes: string;
  skus: SkuValues[];
}

const DEFAULT_THRESHOLD = 10;
const blankSku = (): SkuValues => ({
  code: '',
  barcode: '',
  spec: '',
  cost: '',
  price: '',
  lowStockThreshold: DEFAULT_THRESHOLD,
});
const skuValues = (s: Sku): SkuValues => ({
  id: s.id,
  code: s.code,
  barcode: s.barcode,
  spec: s.spec,
  cost: formatYuan(s.costFen),
  price: formatYuan(s.priceFen),
  lowStockThreshold: s.lowStockThreshold,
});
const blank = (): ProductValues => ({
  title: '',
  styleCode: '',
  category: '',
  listed: false,
  notes: '',
  skus: [blankSku()],
});
const toValues = (p: Product): ProductValues => ({
  title: p.title,
  styleCode: p.styleCode,
  category: p.category,
  listed: p.listed,
  notes: p.notes,
  skus: p.skus.filter((s) => !s.archived).map(skuValues),
});

/** Server field paths → form fields: money travels as fen but is typed as yuan. */
const mapField: FieldMapper = (path) => {
  const parts = path.split('.');
  if (parts[0] === 'skus' && parts.length >= 3) {
    const i = Number(parts[1]);
    const f = parts[2]!;
    const name = f === 'priceFen' ? 'price' : f === 'costFen' ? 'cost' : f === 'id' ? 'code' : f;
    return ['skus', i, name];
  }
  return ['title', 'styleCode', 'category', 'listed', 'notes'].includes(parts[0]!) ? [parts[0]!] : null;
};

/**
 * The product drawer: product fields and an editable SKU table for people who may write; a
 * read-only view for everyone else. Opened from the catalog (a row click, or 新建商品).
 */
export function ProductDrawer({ onClosed }: { onClosed?: () => void }) {
  const { t } = useTranslation();
  const target = useCatalog((s) => s.openProduct);
  const categories = useCatalog((s) => s.categories);
  const { open, refresh } = useCatalog.getState();
  const canWrite = useCan('catalog.write');
  const canArchive = useCan('catalog.archive');
  const timeZone = useSession((s) => s.timeZone);
  const [form] = Form.useForm<ProductValues>();
  useRelocalizeErrors(form);
  const [product, setProduct] = useState<Product | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const isNew = target === 'new';
  const titleRef = useRef<HTMLInputElement | null>(null);

  function fill(p: Product | null) {
    setProduct(p);
    form.resetFields();
    form.setFieldsValue(p ? toValues(p) : blank());
    setDirty(false);
    setFormError(null);
  }

  async function load(id: string) {
    setLoading(true);
    setLoadError(null);
    try {
      fill(await api.catalog.get({ productId: id }));
      // Read-only (looking a product up): bring the SKU that was clicked or scanned into view.
      setTimeout(
        () =>
          document
            .querySelector('.product-drawer [data-testid="product-readonly"] .sku-row--selected')
            ?.scrollIntoView({ block: 'nearest' }),
        350,
      );
    } catch (e) {
      setLoadError(errorText(e));
    } finally {
      setLoading(false);
    }
  }

  // The catalog store says which product to show; start each opening from main's data.
  const begin = useEffectEvent((next: string) => {
    if (next === 'new') {
      fill(null);
      setLoadError(null);
      requestAnimationFrame(() => titleRef.current?.focus());
    } else if (next !== product?.id) void load(next);
  });
  useEffect(
    () =>
      useCatalog.subscribe((s, prev) => {
        if (s.openProduct && s.openProduct !== prev.openProduct) begin(s.openProduct);
      }),
    [],
  );

  function close() {
    closeAskingIfDirty(dirty && canWrite, () => {
      setDirty(false);
      open(null);
    });
  }

  async function save() {
    setFormError(null);
    let v: ProductValues;
    try {
      v = await form.validateFields();
    } catch {
      ui().message.warning(t('product.fixErrors'));
      form.scrollToField(form.getFieldsError().find((f) => f.errors.length)?.name ?? 'title');
      return;
    }
    const skus = v.skus ?? [];
    if (!skus.length) {
      setFormError(t('product.skusRequired'));
      return;
    }
    const input: ProductInput = {
      title: v.title.trim(),
      styleCode: (v.styleCode ?? '').trim(),
      category: (v.category ?? '').trim(),
      listed: !!v.listed,
      notes: (v.notes ?? '').trim(),
      skus: skus.map((s) => ({
        ...(s.id ? { id: s.id } : {}),
        code: s.code.trim(),
        barcode: (s.barcode ?? '').trim(),
        spec: (s.spec ?? '').trim(),
        costFen: parseYuan(s.cost)!,
        priceFen: parseYuan(s.price)!,
        lowStockThreshold: s.lowStockThreshold ?? DEFAULT_THRESHOLD,
      })),
    };
    setSaving(true);
    try {
      const saved = product
        ? await api.catalog.update({ ...input, id: product.id, expectedVersion: product.version })
        : await api.catalog.create(input);
      fill(saved);
      if (!product) {
        ui().message.success(t('product.created', { title: saved.title }));
        open(saved.id);
      } else ui().message.success(t('product.saved'));
      void refresh();
    } catch (e) {
      if (isFailure(e, 'CONFLICT', 'staleEdit') && product) {
        ui().modal.confirm({
          title: t('product.staleTitle'),
          content: t('product.staleBody'),
          okText: t('product.staleReload'),
          cancelText: t('product.staleKeep'),
          okButtonProps: { 'data-testid': 'stale-reload' },
          onOk: () => load(product.id),
        });
      } else {
        const onForm = reportError(e, { form, map: mapField });
        if (!onForm && isFailure(e) && e.error.fields?.skus) setFormError(errorText(e));
      }
    } finally {
      setSaving(false);
    }
  }

  function confirmArchive(archived: boolean) {
    if (!product) return;
    const count = product.skus.filter((s) => !s.archived).length;
    ui().modal.confirm({
      title: archived ? t('product.archiveTitle') : t('product.restoreTitle'),
      content: archived
        ? t('product.archiveBody', { title: product.title, count })
        : t('product.restoreBody', { title: product.title }),
      okText: archived ? t('product.archive') : t('product.restore'),
      okButtonProps: { danger: archived, 'data-testid': 'archive-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const p = await api.catalog.setArchived({ productId: product.id, archived });
          // Keep unsaved edits, take the new version.
          setProduct(p);
          ui().message.success(archived ? t('product.archived') : t('product.restored'));
          void refresh();
        } catch (e) {
          reportError(e);
        }
      },
    });
  }

  const editable = canWrite;
  const title = isNew ? t('product.newTitle') : (product?.title ?? t('product.viewTitle'));
  const archivedSkus = product?.skus.filter((s) => s.archived) ?? [];

  const footer =
    target && !loadError && !(loading && !product) ? (
      <div className="drawer-foot">
        <Typography.Text type="secondary" className="drawer-foot__meta">
          {product &&
            (product.updatedByName
              ? t('product.lastUpdated', {
                  name: product.updatedByName,
                  time: formatDateTime(product.updatedAt, timeZone),
                })
              : t('product.lastUpdatedAt', { time: formatDateTime(product.updatedAt, timeZone) }))}
        </Typography.Text>
        <Space>
          {product && canArchive && (
            <Button
              icon={product.archived ? <UndoOutlined /> : <InboxOutlined />}
              onClick={() => confirmArchive(!product.archived)}
              data-testid={product.archived ? 'product-restore' : 'product-archive'}
            >
              {product.archived ? t('product.restore') : t('product.archive')}
            </Button>
          )}
          <Button onClick={close} data-testid="product-cancel">
            {editable ? t('common.cancel') : t('common.close')}
          </Button>
          {editable && (
            <Button type="primary" onClick={save} loading={saving} data-testid="product-save">
              {isNew ? t('product.create') : t('product.save')}
            </Button>
          )}
        </Space>
      </div>
    ) : null;

  return (
    <Drawer
      open={!!target}
      onClose={close}
      title={<span data-testid="product-drawer-title">{title}</span>}
      size={980}
      destroyOnHidden={false}
      forceRender
      afterOpenChange={(o) => {
        if (!o) {
          setProduct(null);
          form.resetFields();
          setDirty(false);
          onClosed?.();
        }
      }}
      footer={footer}
      className="product-drawer"
      mask={{ closable: !dirty }}
    >
      {loadError ? (
        <Alert
          type="error"
          showIcon
          title={t('product.loadFailed')}
          description={loadError}
          action={
            typeof target === 'string' && target !== 'new' ? (
              <Button onClick={() => void load(target)}>{t('common.reload')}</Button>
            ) : undefined
          }
        />
      ) : loading && !product ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : !editable && product ? (
        <ProductReadOnly product={product} />
      ) : (
        <Form<ProductValues>
          form={form}
          layout="vertical"
          requiredMark
          disabled={saving}
          onValuesChange={() => setDirty(true)}
          data-testid="product-form"
        >
          {product?.archived && (
            <Alert type="warning" showIcon title={t('product.archivedBanner')} style={{ marginBottom: 16 }} />
          )}
          <div className="product-grid">
            <Form.Item
              name="title"
              label={t('product.title')}
              className="product-grid__wide"
              rules={[{ required: true, whitespace: true, message: t('product.titleRequired') }]}
            >
              <Input
                ref={(r) => {
                  titleRef.current = r?.input ?? null;
                }}
                data-testid="product-title"
                placeholder={t('product.titlePlaceholder')}
                maxLength={120}
                showCount
              />
            </Form.Item>
            <Form.Item name="styleCode" label={t('product.styleCode')}>
              <Input
                data-testid="product-style"
                placeholder={t('product.styleCodePlaceholder')}
                maxLength={64}
              />
            </Form.Item>
            <Form.Item name="category" label={t('product.category')}>
              <AutoComplete
                data-testid="product-category"
                placeholder={t('product.categoryPlaceholder')}
                options={categories.map((c) => ({ value: c }))}
                maxLength={60}
                filterOption={(input, opt) => !!opt?.value?.toString().includes(input)}
              />
            </Form.Item>
            <Form.Item
              name="listed"
              label={t('product.listed')}
              valuePropName="checked"
              // An existing product is listed or delisted by the store manager in 上架准备.
              extra={isNew ? undefined : t('product.listedInReadiness')}
            >
              <Switch
                disabled={!isNew}
                data-testid="product-listed"
                checkedChildren={t('product.listedOn')}
                unCheckedChildren={t('product.listedOff')}
              />
            </Form.Item>
            <Form.Item name="notes" label={t('product.notes')} className="product-grid__wide">
              <Input.TextArea
                data-testid="product-notes"
                placeholder={t('product.notesPlaceholder')}
                autoSize={{ minRows: 1, maxRows: 4 }}
                maxLength={2000}
              />
            </Form.Item>
          </div>
          <SkuEditor
            form={form}
            archived={archivedSkus}
            error={formError}
            onChange={() => {
              setDirty(true);
              setFormError(null);
            }}
          />
        </Form>
      )}
    </Drawer>
  );
}

function moneyRules(t: (k: 'product.moneyRequired' | 'product.moneyInvalid') => string) {
  return [
    { required: true, whitespace: true, message: t('product.moneyRequired') },
    {
      validator: (_: unknown, v: string | undefined) =>
        !v || !v.trim() || parseYuan(v) !== null
          ? Promise.resolve()
          : Promise.reject(new Error(t('product.moneyInvalid'))),
    },
  ];
}

/** The editable SKU rows of the product form. */
function SkuEditor({
  form,
  archived,
  error,
  onChange,
}: {
  form: FormInstance<ProductValues>;
  archived: Sku[];
  error: string | null;
  onChange(): void;
}) {
  const { t } = useTranslation();
  const selected = useCatalog((s) => s.selectedSkuId);
  return (
    <Form.List name="skus">
      {(fields, { add, remove }) => {
        const current = (form.getFieldValue('skus') as SkuValues[] | undefined) ?? [];
        const restorable = archived.filter((s) => !current.some((c) => c.id === s.id));
        const columns: TableProps<FormListFieldData>['columns'] = [
          {
            key: 'code',
            title: <span className="required-mark">{t('product.skuCols.code')}</span>,
            width: 180,
            render: (_, f) => (
              <Form.Item
                name={[f.name, 'code']}
                className="cell-item"
                rules={[
                  { required: true, whitespace: true, message: t('product.codeRequired') },
                  {
                    validator: (_r, v: string | undefined) => {
                      const all = (form.getFieldValue('skus') as SkuValues[]) ?? [];
                      const code = (v ?? '').trim();
                      const dup = code && all.some((s, i) => i !== f.name && (s?.code ?? '').trim() === code);
                      return dup ? Promise.reject(new Error(t('product.codeDuplicate'))) : Promise.resolve();
                    },
                  },
                ]}
              >
                <Input
                  data-testid={`sku-code-${f.name}`}
                  aria-label={t('product.skuCols.code')}
                  placeholder={t('product.codePlaceholder')}
                  maxLength={64}
                  className="code-input"
                />
              </Form.Item>
            ),
          },
          {
            key: 'barcode',
            title: t('product.skuCols.barcode'),
            width: 140,
            render: (_, f) => (
              <Form.Item name={[f.name, 'barcode']} className="cell-item">
                <Input
                  data-testid={`sku-barcode-${f.name}`}
                  aria-label={t('product.skuCols.barcode')}
                  placeholder={t('product.barcodePlaceholder')}
                  maxLength={32}
                  className="code-input"
                />
              </Form.Item>
            ),
          },
          {
            key: 'spec',
            title: t('product.skuCols.spec'),
            render: (_, f) => (
              <Form.Item name={[f.name, 'spec']} className="cell-item">
                <Input
                  data-testid={`sku-spec-${f.name}`}
                  aria-label={t('product.skuCols.spec')}
                  placeholder={t('product.specPlaceholder')}
                  maxLength={200}
                />
              </Form.Item>
            ),
          },
          {
            key: 'cost',
            title: <span className="required-mark">{t('product.skuCols.cost')}</span>,
            width: 108,
            render: (_, f) => (
              <Form.Item name={[f.name, 'cost']} className="cell-item" rules={moneyRules(t)}>
                <Input
                  data-testid={`sku-cost-${f.name}`}
                  aria-label={t('product.skuCols.cost')}
                  placeholder={t('product.moneyPlaceholder')}
                  inputMode="decimal"
                  className="num"
                />
              </Form.Item>
            ),
          },
          {
            key: 'price',
            title: <span className="required-mark">{t('product.skuCols.price')}</span>,
            width: 108,
            render: (_, f) => (
              <Form.Item name={[f.name, 'price']} className="cell-item" rules={moneyRules(t)}>
                <Input
                  data-testid={`sku-price-${f.name}`}
                  aria-label={t('product.skuCols.price')}
                  placeholder={t('product.moneyPlaceholder')}
                  inputMode="decimal"
                  className="num"
                />
              </Form.Item>
            ),
          },
          {
            key: 'threshold',
            title: t('product.skuCols.threshold'),
            width: 104,
            render: (_, f) => (
              <Form.Item
                name={[f.name, 'lowStockThreshold']}
                className="cell-item"
                rules={[{ required: true, message: t('product.thresholdRequired') }]}
              >
                <InputNumber
                  data-testid={`sku-threshold-${f.name}`}
                  aria-label={t('product.skuCols.threshold')}
                  min={0}
                  max={1_000_000}
                  precision={0}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            ),
          },
          {
            key: 'remove',
            width: 44,
            render: (_, f) => (
              <Tooltip title={t('product.removeSku')}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('product.removeSku')}
                  data-testid={`sku-remove-${f.name}`}
                  disabled={fields.length <= 1}
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
          <section className="sku-editor" aria-label={t('product.skus')}>
            <div className="sku-editor__head">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('product.skus')}
                <Typography.Text type="secondary" className="sku-editor__count">
                  {t('product.skuCount', { count: fields.length })}
                </Typography.Text>
              </Typography.Title>
              <Button
                icon={<PlusOutlined />}
                onClick={() => {
                  add(blankSku());
                  onChange();
                  requestAnimationFrame(() =>
                    document
                      .querySelector<HTMLInputElement>(`[data-testid="sku-code-${fields.length}"]`)
                      ?.focus(),
                  );
                }}
                data-testid="sku-add"
              >
                {t('product.addSku')}
              </Button>
            </div>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} role="alert" />}
            <Table<FormListFieldData>
              className="sku-table"
              size="small"
              rowKey="key"
              columns={columns}
              dataSource={fields}
              pagination={false}
              scroll={{ x: 760 }}
              rowClassName={(f) =>
                selected && form.getFieldValue(['skus', f.name, 'id']) === selected ? 'sku-row--selected' : ''
              }
            />
            {restorable.length > 0 && (
              <div className="sku-editor__archived">
                <Typography.Text type="secondary">{t('product.archivedSkus')}</Typography.Text>
                {restorable.map((s) => (
                  <Tag key={s.id} className="sku-editor__archived-tag">
                    <span className="num">{s.code}</span>
                    {s.spec ? ` · ${s.spec}` : ''}
                    <Button
                      type="link"
                      size="small"
                      icon={<RollbackOutlined />}
                      onClick={() => {
                        add(skuValues(s));
                        onChange();
                      }}
                    >
                      {t('product.restoreSku')}
                    </Button>
                  </Tag>
                ))}
              </div>
            )}
          </section>
        );
      }}
    </Form.List>
  );
}

/** What people without catalog.write see: the product and its SKUs, no inputs. */
function ProductReadOnly({ product }: { product: Product }) {
  const { t } = useTranslation();
  const selected = useCatalog((s) => s.selectedSkuId);
  const skus = product.skus.filter((s) => !s.archived);
  return (
    <div data-testid="product-readonly">
      <Alert type="info" showIcon title={t('product.readOnlyHint')} style={{ marginBottom: 16 }} />
      {product.archived && (
        <Alert type="warning" showIcon title={t('product.archivedBanner')} style={{ marginBottom: 16 }} />
      )}
      <Descriptions column={3} size="middle" bordered>
        <Descriptions.Item label={t('product.title')} span={3}>
          {product.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('product.styleCode')}>{product.styleCode || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('product.category')}>{product.category || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('product.listed')}>
          {product.listed ? (
            <Tag color="success">{t('product.listedOn')}</Tag>
          ) : (
            <Tag>{t('product.listedOff')}</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('product.notes')} span={3}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{product.notes || '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('product.skus')}
        <Typography.Text type="secondary" className="sku-editor__count">
          {t('product.skuCount', { count: skus.length })}
        </Typography.Text>
      </Typography.Title>
      <Table<Sku>
        size="small"
        rowKey="id"
        dataSource={skus}
        pagination={false}
        scroll={{ x: 700 }}
        rowClassName={(s) => (s.id === selected ? 'sku-row--selected' : '')}
        columns={[
          {
            key: 'code',
            dataIndex: 'code',
            title: t('product.skuCols.code'),
            width: 150,
            render: (v: string) => <span className="num">{v}</span>,
          },
          {
            key: 'barcode',
            dataIndex: 'barcode',
            title: t('product.skuCols.barcode'),
            width: 140,
            render: (v: string) => <span className="num">{v}</span>,
          },
          { key: 'spec', dataIndex: 'spec', title: t('product.skuCols.spec') },
          {
            key: 'cost',
            dataIndex: 'costFen',
            title: t('product.skuCols.cost'),
            width: 110,
            align: 'right',
            render: (v: number) => <span className="num">{formatYuan(v)}</span>,
          },
          {
            key: 'price',
            dataIndex: 'priceFen',
            title: t('product.skuCols.price'),
            width: 110,
            align: 'right',
            render: (v: number) => <span className="num">{formatYuan(v)}</span>,
          },
          {
            key: 'threshold',
            dataIndex: 'lowStockThreshold',
            title: t('product.skuCols.threshold'),
            width: 100,
            align: 'right',
          },
        ]}
      />
    </div>
  );
}
