import { CopyOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './presales.css';
import {
  PLACEHOLDERS,
  TEMPLATE_CATEGORIES,
  fillTemplate,
  templateParts,
  type ReplyTemplate,
  type TemplateCategory,
} from '../../../../src-main/api/contract-presales';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { useCan, useSession } from '../../stores/session';
import { SkuSelect, type SkuBrief } from '../warehouse/pickers';
import { BuyerOrderSelect, MemberInput } from './PresalesPickers';
import type { OrderRow } from '../../../../src-main/api/contract';

/** The template text with its placeholders highlighted. */
export function TemplateText({ body }: { body: string }) {
  return (
    <span style={{ whiteSpace: 'pre-wrap' }}>
      {templateParts(body).map((p, i) =>
        p.placeholder ? (
          <mark key={i} className="presales-placeholder">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

/** 快捷回复/话术库: search and copy (placeholders filled); supervisors add and edit. */
export function PresalesTemplates() {
  const { t } = useTranslation();
  const canManage = useCan('presales.manage');
  const myName = useSession((s) => s.session?.staff.name ?? '');
  const [category, setCategory] = useState<TemplateCategory | 'all'>('all');
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<ReplyTemplate[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ReplyTemplate | 'new' | null>(null);
  const [buyer, setBuyer] = useState('');
  const [orderId, setOrderId] = useState<string | undefined>();
  const [orders, setOrders] = useState<OrderRow[]>([]);
  const [sku, setSku] = useState<{ id?: string; brief?: SkuBrief }>({});
  const [reload, setReload] = useState(0);

  const load = useCallback(async () => {
    try {
      const list = await api.presales.templates({ q, ...(category === 'all' ? {} : { category }) });
      setRows(list);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [q, category]);
  useEffect(() => {
    void load();
  }, [load, reload]);

  const values = {
    买家: buyer,
    商品: sku.brief?.title ?? '',
    单号: orders.find((o) => o.id === orderId)?.orderNo ?? '',
    客服: myName,
  };

  async function copy(tpl: ReplyTemplate) {
    const text = fillTemplate(tpl.body, values);
    try {
      await navigator.clipboard.writeText(text);
      ui().message.success({
        content: t('presales.copied'),
        props: { 'data-testid': 'presales-copied' },
      } as never);
    } catch {
      ui().message.error(t('presales.copyFailed'));
    }
  }

  async function remove(tpl: ReplyTemplate) {
    try {
      await api.presales.templateDelete({ id: tpl.id, expectedVersion: tpl.version });
      setReload((n) => n + 1);
    } catch (e) {
      reportError(e);
    }
  }

  return (
    <div className="wh-page" data-testid="presales-templates">
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Card size="small" title={t('presales.fillTitle')} style={{ marginBottom: 12 }}>
        <Space wrap>
          <MemberInput
            style={{ width: 180 }}
            placeholder={t('presales.fillBuyer')}
            value={buyer}
            onChange={(v: string) => {
              setBuyer(v);
              setOrderId(undefined);
            }}
            data-testid="presales-fill-buyer"
            aria-label={t('presales.fillBuyer')}
          />
          <BuyerOrderSelect
            memberName={buyer}
            style={{ width: 210 }}
            placeholder={t('presales.fillOrder')}
            value={orderId}
            onChange={(v) => setOrderId(v)}
            onOrders={setOrders}
            data-testid="presales-fill-order"
            aria-label={t('presales.fillOrder')}
          />
          <SkuSelect
            allowClear
            style={{ width: 260 }}
            placeholder={t('presales.fillProduct')}
            value={sku.id}
            onChange={(id, brief) => setSku({ id, brief })}
            data-testid="presales-fill-sku"
            aria-label={t('presales.fillProduct')}
          />
          <Typography.Text type="secondary">{t('presales.fillAgent', { name: myName })}</Typography.Text>
        </Space>
      </Card>
      <div className="toolbar" style={{ flexWrap: 'wrap', rowGap: 8 }}>
        <Segmented<TemplateCategory | 'all'>
          value={category}
          onChange={setCategory}
          data-testid="presales-template-category"
          options={[
            { value: 'all', label: t('presales.allCategories') },
            ...TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: t(`presales.categories.${c}`) })),
          ]}
        />
        <Input.Search
          allowClear
          style={{ width: 290 }}
          placeholder={t('presales.templateSearch')}
          aria-label={t('presales.templateSearch')}
          data-testid="presales-template-search"
          onSearch={setQ}
          onChange={(e) => !e.target.value && setQ('')}
        />
        <span style={{ marginLeft: 'auto' }} />
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="presales-template-new"
          >
            {t('presales.templateNew')}
          </Button>
        )}
      </div>
      {rows && rows.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('presales.templatesEmpty')} />
      )}
      <div className="presales-template-grid">
        {(rows ?? []).map((tpl) => (
          <Card
            key={tpl.id}
            size="small"
            data-testid={`presales-template-${tpl.title}`}
            title={
              <Space>
                <Tag>{t(`presales.categories.${tpl.category}`)}</Tag>
                <span>{tpl.title}</span>
              </Space>
            }
            extra={
              <Space size={4}>
                <Button
                  type="primary"
                  size="small"
                  icon={<CopyOutlined />}
                  onClick={() => void copy(tpl)}
                  data-testid={`presales-copy-${tpl.title}`}
                >
                  {t('presales.copy')}
                </Button>
                {canManage && (
                  <>
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      aria-label={t('presales.edit')}
                      onClick={() => setEditing(tpl)}
                    />
                    <Popconfirm
                      title={t('presales.templateDeleteConfirm')}
                      okText={t('presales.delete')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(tpl)}
                    >
                      <Button
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('presales.delete')}
                      />
                    </Popconfirm>
                  </>
                )}
              </Space>
            }
          >
            <TemplateText body={tpl.body} />
            {(buyer || orderId || sku.id) && (
              <Typography.Paragraph
                type="secondary"
                style={{ margin: '8px 0 0', whiteSpace: 'pre-wrap' }}
                data-testid={`presales-filled-${tpl.title}`}
              >
                {t('presales.filledPreview')}
                {fillTemplate(tpl.body, values)}
              </Typography.Paragraph>
            )}
          </Card>
        ))}
      </div>
      <TemplateEditor
        value={editing}
        onClose={(saved) => {
          setEditing(null);
          if (saved) setReload((n) => n + 1);
        }}
      />
    </div>
  );
}

function TemplateEditor({
  value,
  onClose,
}: {
  value: ReplyTemplate | 'new' | null;
  onClose(saved: boolean): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ category: TemplateCategory; title: string; body: string }>();
  const body = Form.useWatch('body', form) ?? '';
  const [busy, setBusy] = useState(false);
  const tpl = value && value !== 'new' ? value : null;
  async function submit(v: { category: TemplateCategory; title: string; body: string }) {
    setBusy(true);
    try {
      await api.presales.templateSave({ ...v, ...(tpl ? { id: tpl.id, expectedVersion: tpl.version } : {}) });
      ui().message.success(t('presales.templateSaved'));
      onClose(true);
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['category', 'title', 'body']) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={!!value}
      title={tpl ? t('presales.templateEdit') : t('presales.templateNew')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={560}
      okButtonProps={{ 'data-testid': 'presales-template-save' } as never}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          tpl ? { category: tpl.category, title: tpl.title, body: tpl.body } : { category: 'greeting' }
        }
      >
        <Form.Item name="category" label={t('presales.category')}>
          <Select<TemplateCategory>
            data-testid="presales-template-category-select"
            options={TEMPLATE_CATEGORIES.map((c) => ({ value: c, label: t(`presales.categories.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('presales.templateTitle')}
          rules={[{ required: true, whitespace: true, message: t('presales.templateTitleRequired') }]}
        >
          <Input maxLength={40} data-testid="presales-template-title" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('presales.templateBody')}
          rules={[{ required: true, whitespace: true, message: t('presales.templateBodyRequired') }]}
          extra={
            <Space size={4} wrap style={{ marginTop: 6 }}>
              <span>{t('presales.insertPlaceholder')}</span>
              {PLACEHOLDERS.map((p) => (
                <Button
                  key={p}
                  size="small"
                  onClick={() => form.setFieldValue('body', `${form.getFieldValue('body') ?? ''}{${p}}`)}
                >
                  {`{${p}}`}
                </Button>
              ))}
            </Space>
          }
        >
          <Input.TextArea rows={4} maxLength={1000} showCount data-testid="presales-template-body" />
        </Form.Item>
        {body && (
          <Card size="small" title={t('presales.preview')}>
            <TemplateText body={body} />
          </Card>
        )}
      </Form>
    </Modal>
  );
}
