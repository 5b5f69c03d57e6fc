import { CheckOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './presales.css';
import type {
  CoveragePage,
  CoverageRow,
  KnowledgeInput,
  ProductKnowledge,
} from '../../../../src-main/api/contract-presales';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { SkuSelect } from '../warehouse/pickers';

type Values = Omit<KnowledgeInput, 'productId' | 'expectedVersion'>;

/** 产品知识: a product's selling points, sizes, material and FAQs (versioned), who learned it, and the gaps. */
export function PresalesKnowledge() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canManage = useCan('presales.manage');
  const canWrite = useCan('presales.write');
  const [productId, setProductId] = useState<string | null>(null);
  const [skuId, setSkuId] = useState<string | undefined>();
  const [version, setVersion] = useState<number | undefined>();
  const [k, setK] = useState<ProductKnowledge | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [reload, setReload] = useState(0);

  const load = useCallback(async () => {
    if (!productId) return;
    try {
      const got = await api.presales.knowledgeGet({ productId, ...(version ? { version } : {}) });
      setK(got);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [productId, version]);
  useEffect(() => {
    void load();
  }, [load, reload]);

  async function learn() {
    if (!k) return;
    try {
      setK(await api.presales.knowledgeLearn({ productId: k.productId, version: k.currentVersion }));
      ui().message.success(t('presales.learnedDone'));
      setReload((n) => n + 1);
    } catch (e) {
      reportError(e);
    }
  }

  const open = (id: string) => {
    setProductId(id);
    setSkuId(undefined);
    setVersion(undefined);
  };
  const c = k?.content;
  const viewingOld = !!k && !!c && c.version !== k.currentVersion;
  return (
    <div className="wh-page" data-testid="presales-knowledge">
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <div className="toolbar">
        <SkuSelect
          style={{ width: 340 }}
          placeholder={t('presales.pickProduct')}
          value={skuId}
          onChange={(id, brief) => {
            setSkuId(id);
            if (!brief) return;
            api.catalog
              .lookup({ code: brief.code })
              .then((hit) => {
                if (!hit) return;
                setProductId(hit.productId);
                setVersion(undefined);
              })
              .catch((e) => reportError(e));
          }}
          data-testid="presales-knowledge-product"
          aria-label={t('presales.pickProduct')}
        />
        {k && (
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="presales-knowledge-title">
            {k.title}{' '}
            {k.listed ? <Tag color="green">{t('presales.listed')}</Tag> : <Tag>{t('presales.unlisted')}</Tag>}
          </Typography.Title>
        )}
      </div>
      {k && (
        <Space align="start" wrap style={{ width: '100%', marginBottom: 16 }} size={16}>
          <Card
            size="small"
            style={{ width: 620, maxWidth: '100%' }}
            data-testid="presales-knowledge-card"
            title={
              <Space>
                {t('presales.knowledgeTitle')}
                {k.currentVersion > 0 && (
                  <Select<number>
                    size="small"
                    style={{ width: 240 }}
                    value={c?.version}
                    onChange={(v) => setVersion(v === k.currentVersion ? undefined : v)}
                    aria-label={t('presales.versions')}
                    data-testid="presales-knowledge-version"
                    options={k.versions.map((v) => ({
                      value: v.version,
                      label: t('presales.versionLabel', {
                        version: v.version,
                        at: formatDateTime(v.at, timeZone),
                      }),
                    }))}
                  />
                )}
              </Space>
            }
            extra={
              <Space>
                {canWrite &&
                  !canManage &&
                  k.currentVersion > 0 &&
                  !viewingOld &&
                  (k.myLearnedVersion === k.currentVersion ? (
                    <Tag color="green" icon={<CheckOutlined />} data-testid="presales-learned-tag">
                      {t('presales.learned')}
                    </Tag>
                  ) : (
                    <Button type="primary" size="small" onClick={learn} data-testid="presales-learn">
                      {t('presales.markLearned')}
                    </Button>
                  ))}
                {canManage && (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => {
                      setVersion(undefined);
                      setEditing(true);
                    }}
                    data-testid="presales-knowledge-edit"
                  >
                    {k.currentVersion ? t('presales.edit') : t('presales.knowledgeWrite')}
                  </Button>
                )}
              </Space>
            }
          >
            {viewingOld && (
              <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('presales.oldVersion')} />
            )}
            {c ? (
              <Descriptions column={1} size="small" bordered styles={{ label: { width: 90 } }}>
                <Descriptions.Item label={t('presales.sellingPoints')}>
                  <span className="presales-pre" data-testid="presales-k-selling">
                    {c.sellingPoints || '—'}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('presales.sizes')}>
                  <span className="presales-pre">{c.sizes || '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('presales.material')}>{c.material || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('presales.faqs')}>
                  {c.faqs.length ? (
                    <dl className="presales-faq">
                      {c.faqs.map((f, i) => (
                        <div key={i}>
                          <dt>问：{f.q}</dt>
                          <dd>答：{f.a}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : (
                    '—'
                  )}
                </Descriptions.Item>
                <Descriptions.Item label={t('presales.notes')}>
                  <span className="presales-pre">{c.notes || '—'}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('presales.updated')}>
                  {t('presales.updatedBy', { name: c.staffName, at: formatDateTime(c.at, timeZone) })}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('presales.noKnowledge')} />
            )}
          </Card>
          <Card
            size="small"
            title={t('presales.learnedBy')}
            style={{ width: 360 }}
            data-testid="presales-learners"
          >
            <Table
              size="small"
              rowKey="staffId"
              pagination={false}
              dataSource={k.agents}
              locale={{ emptyText: t('presales.noAgents') }}
              columns={[
                { key: 'name', title: t('presales.agent'), dataIndex: 'name', width: 100 },
                {
                  key: 'state',
                  title: t('presales.learnState'),
                  render: (_, a) =>
                    !k.currentVersion ? (
                      '—'
                    ) : a.learnedVersion === k.currentVersion ? (
                      <span>
                        <Tag color="green">{t('presales.learned')}</Tag>
                        <Typography.Text type="secondary" className="num">
                          {formatDateTime(a.learnedAt!, timeZone)}
                        </Typography.Text>
                      </span>
                    ) : a.learnedVersion ? (
                      <Tag color="orange">{t('presales.learnedOld', { version: a.learnedVersion })}</Tag>
                    ) : (
                      <Tag color="red">{t('presales.notLearned')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
        </Space>
      )}
      {!k && !error && (
        <Typography.Paragraph type="secondary">{t('presales.pickProductHint')}</Typography.Paragraph>
      )}
      <Coverage onOpen={open} reload={reload} />
      {k && (
        <KnowledgeEditor
          open={editing}
          k={k}
          onClose={(saved) => {
            setEditing(false);
            if (saved) setReload((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}

/** Listed / soon-listed products whose knowledge is missing or not learned by every active agent. */
function Coverage({ onOpen, reload }: { onOpen(productId: string): void; reload: number }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<'listed' | 'unlisted'>('listed');
  const [onlyGaps, setOnlyGaps] = useState(true);
  const [paging, setPaging] = useState({ offset: 0, limit: 20 });
  const [data, setData] = useState<CoveragePage | null>(null);
  useEffect(() => {
    let live = true;
    api.presales
      .coverage({ scope, onlyGaps, ...paging })
      .then((d) => live && setData(d))
      .catch((e) => live && reportError(e));
    return () => {
      live = false;
    };
  }, [scope, onlyGaps, paging, reload]);
  return (
    <Card
      size="small"
      data-testid="presales-coverage"
      title={t('presales.coverageTitle')}
      extra={
        <Space>
          <Segmented<'listed' | 'unlisted'>
            value={scope}
            onChange={(v) => {
              setScope(v);
              setPaging((p) => ({ ...p, offset: 0 }));
            }}
            data-testid="presales-coverage-scope"
            options={[
              { value: 'listed', label: t('presales.listed') },
              { value: 'unlisted', label: t('presales.unlistedSoon') },
            ]}
          />
          <Switch
            checked={onlyGaps}
            onChange={(v) => {
              setOnlyGaps(v);
              setPaging((p) => ({ ...p, offset: 0 }));
            }}
            aria-label={t('presales.onlyGaps')}
            data-testid="presales-coverage-gaps"
          />
          <span>{t('presales.onlyGaps')}</span>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('presales.coverageHint', { count: data?.agentCount ?? 0 })}
      </Typography.Paragraph>
      <Table<CoverageRow>
        size="small"
        rowKey="productId"
        dataSource={data?.rows ?? []}
        rowClassName={() => 'wh-row'}
        onRow={(r) =>
          ({
            onClick: () => onOpen(r.productId),
            tabIndex: 0,
            onKeyDown: (e) => {
              if (e.key === 'Enter') onOpen(r.productId);
            },
            'data-testid': `presales-coverage-row-${r.title}`,
          }) as React.HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('presales.coverageEmpty')} />,
        }}
        columns={[
          { key: 'title', title: t('presales.product'), dataIndex: 'title', ellipsis: true },
          {
            key: 'version',
            title: t('presales.knowledgeTitle'),
            width: 140,
            render: (_, r) =>
              r.version ? (
                t('presales.versionShort', { version: r.version })
              ) : (
                <Tag color="red">{t('presales.missing')}</Tag>
              ),
          },
          {
            key: 'learned',
            title: t('presales.learnedCount'),
            width: 160,
            render: (_, r) =>
              r.version ? (
                <Tag color={data && r.learned >= data.agentCount ? 'green' : 'orange'}>
                  {t('presales.learnedOf', { learned: r.learned, total: data?.agentCount ?? 0 })}
                </Tag>
              ) : (
                '—'
              ),
          },
        ]}
        pagination={{
          current: Math.floor(paging.offset / paging.limit) + 1,
          pageSize: paging.limit,
          total: data?.total ?? 0,
          showTotal: (n) => t('common.total', { count: n }),
          onChange: (p, size) => setPaging({ offset: (p - 1) * size, limit: size }),
        }}
      />
    </Card>
  );
}

function KnowledgeEditor({
  open,
  k,
  onClose,
}: {
  open: boolean;
  k: ProductKnowledge;
  onClose(saved: boolean): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [base, setBase] = useState<ProductKnowledge | null>(null);
  // Edit the current version, whatever version the page shows.
  useEffect(() => {
    if (!open) return;
    void api.presales
      .knowledgeGet({ productId: k.productId })
      .then(setBase)
      .catch((e) => reportError(e));
  }, [open, k.productId]);
  async function submit(v: Values) {
    if (!base) return;
    setBusy(true);
    try {
      await api.presales.knowledgeSave({
        productId: base.productId,
        expectedVersion: base.currentVersion,
        ...v,
        faqs: (v.faqs ?? []).filter((f) => f && (f.q || f.a)),
      });
      ui().message.success(t('presales.knowledgeSaved'));
      onClose(true);
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['sellingPoints', 'sizes', 'material', 'faqs', 'notes']) });
    } finally {
      setBusy(false);
    }
  }
  const c = base?.content;
  return (
    <Modal
      open={open && !!base}
      title={t('presales.knowledgeEditTitle', { title: k.title })}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
      width={680}
      okButtonProps={{ 'data-testid': 'presales-knowledge-save' } as never}
    >
      {base && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            sellingPoints: c?.sellingPoints ?? '',
            sizes: c?.sizes ?? '',
            material: c?.material ?? '',
            faqs: c?.faqs ?? [],
            notes: c?.notes ?? '',
          }}
        >
          <Typography.Paragraph type="secondary">{t('presales.knowledgeEditHint')}</Typography.Paragraph>
          <Form.Item name="sellingPoints" label={t('presales.sellingPoints')}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="presales-k-selling-input" />
          </Form.Item>
          <Form.Item name="sizes" label={t('presales.sizes')}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="presales-k-sizes-input" />
          </Form.Item>
          <Form.Item name="material" label={t('presales.material')}>
            <Input maxLength={500} data-testid="presales-k-material-input" />
          </Form.Item>
          <Form.Item label={t('presales.faqs')}>
            <Form.List name="faqs">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }}>
                      <Form.Item
                        name={[f.name, 'q']}
                        rules={[{ required: true, whitespace: true, message: t('presales.faqQRequired') }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input
                          placeholder={t('presales.faqQ')}
                          style={{ width: 230 }}
                          data-testid={`presales-faq-q-${f.name}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'a']}
                        rules={[{ required: true, whitespace: true, message: t('presales.faqARequired') }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input
                          placeholder={t('presales.faqA')}
                          style={{ width: 330 }}
                          data-testid={`presales-faq-a-${f.name}`}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('presales.delete')}
                        onClick={() => remove(f.name)}
                      />
                    </Space>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ q: '', a: '' })}
                    data-testid="presales-faq-add"
                  >
                    {t('presales.faqAdd')}
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="notes" label={t('presales.notes')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
