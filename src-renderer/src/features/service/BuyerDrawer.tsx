import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Buyer, BuyerRow, ServiceSettings, TimelineEntry } from '../../../../src-main/api/contract';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { tDynamic } from '../../i18n';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { useAftersalesUi } from './AftersalesState';
import { useServiceUi } from './state';

interface Values {
  memberName: string;
  realName?: string;
  phones: string[];
  addresses: string[];
  tags: string[];
  vipLevel: number;
}

const KIND_COLOR: Record<TimelineEntry['kind'], string> = {
  order: 'blue',
  followUp: 'orange',
  note: 'green',
  review: 'orange',
  complaint: 'red',
  inquiry: 'purple',
  case: 'magenta',
};

/** The order a timeline entry opens: orders, follow-ups and reviews always, an inquiry when it has one. */
function orderOf(e: TimelineEntry): string | null {
  if (e.kind === 'order' || e.kind === 'followUp' || e.kind === 'review') return e.refId;
  if (e.kind === 'inquiry') return e.detail.split('|')[2] || null;
  return null;
}

/** One timeline entry as a line of text; a follow-up's detail is "channel|outcome|note". */
function EntryText({ e }: { e: TimelineEntry }) {
  const { t } = useTranslation();
  if (e.kind === 'followUp') {
    const [channel = '', outcome = '', note = ''] = e.detail.split('|');
    return (
      <span>
        {e.title} · {tDynamic(`followUp.channels.${channel}`, {}, channel)} ·{' '}
        {tDynamic(`followUp.outcomes.${outcome}`, {}, outcome)}
        {note ? `：${note}` : ''}
      </span>
    );
  }
  if (e.kind === 'complaint') {
    const [severity = '', category = '', status = ''] = e.detail.split('|');
    return (
      <span>
        {e.title} · {tDynamic(`complaints.severities.${severity}`, {}, severity)} ·{' '}
        {tDynamic(`complaints.categories.${category}`, {}, category)} ·{' '}
        {tDynamic(`complaints.statuses.${status}`, {}, status)}
      </span>
    );
  }
  if (e.kind === 'order') {
    const [status = '', total = '0', items = '0'] = e.detail.split('|');
    return (
      <span>
        {e.title} · {tDynamic(`orders.statuses.${status}`, {}, status)} · ¥{formatYuan(Number(total))} ·{' '}
        {t('buyers.pieces', { count: Number(items) })}
      </span>
    );
  }
  if (e.kind === 'review') {
    // "rating|outcome|reason|title|content" (reviews.ts reviewTimeline).
    const [rating = '', outcome = '', , title = '', ...content] = e.detail.split('|');
    return (
      <span>
        {e.title} · {tDynamic(`reviews.ratings.${rating}`, {}, rating)} ·{' '}
        {tDynamic(`reviews.outcomes.${outcome}`, {}, outcome)}
        {title ? ` · ${title}` : ''}
        {content.length ? `：${content.join('|')}` : ''}
      </span>
    );
  }
  if (e.kind === 'inquiry') {
    // question|outcome|orderId|orderNo|note (presales)
    const [question = '', outcome = '', , orderNo = '', ...note] = e.detail.split('|');
    const text = note.join('|');
    return (
      <span>
        {e.title ? `${e.title} · ` : ''}
        {tDynamic(`presales.questions.${question}`, {}, question)} ·{' '}
        {tDynamic(`presales.outcomes.${outcome}`, {}, outcome)}
        {orderNo ? ` · ${orderNo}` : ''}
        {text ? `：${text}` : ''}
      </span>
    );
  }
  if (e.kind === 'case') {
    const [type = '', status = '', refund = '0', orderNo = ''] = e.detail.split('|');
    return (
      <span>
        {e.title} · {tDynamic(`aftersales.types.${type}`, {}, type)} ·{' '}
        {tDynamic(`aftersales.statuses.${status}`, {}, status)} · ¥{formatYuan(Number(refund))}
        {orderNo ? ` · ${orderNo}` : ''}
      </span>
    );
  }
  return <span>{e.detail}</span>;
}

/** The buyer page (买家资料): contact data (phones masked without buyers.contact), notes, timeline, merge. */
export function BuyerDrawer() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canWrite = useCan('buyers.write');
  const buyerId = useServiceUi((s) => s.buyerId);
  const version = useServiceUi((s) => s.version);
  const { openBuyer, openOrder, changed } = useServiceUi.getState();
  const [buyer, setBuyer] = useState<(Buyer & { askedFor: string }) | null>(null);
  const [settings, setSettings] = useState<ServiceSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState('');
  const [merging, setMerging] = useState(false);
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    if (!buyerId) return;
    let live = true;
    api.buyers
      .get({ id: buyerId })
      .then((b) => {
        if (!live) return;
        setBuyer({ ...b, askedFor: buyerId });
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    api.service
      .settings({})
      .then((s) => live && setSettings(s))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [buyerId, version]);

  function startEdit() {
    if (!buyer) return;
    form.setFieldsValue({
      memberName: buyer.memberName,
      realName: buyer.realName,
      phones: buyer.phones,
      addresses: buyer.addresses,
      tags: buyer.tags,
      vipLevel: buyer.vipLevel,
    });
    setEditing(true);
  }
  async function save(v: Values) {
    if (!buyer) return;
    try {
      await api.buyers.save({
        ...v,
        realName: v.realName ?? '',
        id: buyer.id,
        expectedVersion: buyer.version,
      });
      ui().message.success(t('buyers.saved'));
      setEditing(false);
      changed();
    } catch (e) {
      reportError(e, {
        form,
        map: fieldsOf(['memberName', 'realName', 'phones', 'addresses', 'tags', 'vipLevel']),
      });
    }
  }
  async function addNote() {
    if (!buyer || !note.trim()) return;
    try {
      await api.buyers.addNote({ buyerId: buyer.id, text: note.trim() });
      setNote('');
      ui().message.success(t('buyers.noteAdded'));
      changed();
    } catch (e) {
      reportError(e);
    }
  }

  // A merged-away buyer answers as the one kept: match on what was asked for.
  const b = buyer && buyer.askedFor === buyerId ? buyer : null;
  const vipOptions = [
    { value: 0, label: t('buyers.notVip') },
    ...(settings?.vipLevels ?? []).map((v) => ({ value: v.level, label: v.name })),
  ];
  return (
    <Drawer
      open={!!buyerId}
      onClose={() => {
        setEditing(false);
        openBuyer(null);
      }}
      size={760}
      title={b ? b.memberName : ''}
      data-testid="svc-buyer-drawer"
      extra={
        b &&
        canWrite && (
          <Space>
            <Button onClick={() => setMerging(true)} data-testid="svc-buyer-merge">
              {t('buyers.merge')}
            </Button>
            <Button type="primary" onClick={startEdit} data-testid="svc-buyer-edit">
              {t('buyers.edit')}
            </Button>
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {b && !editing && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('buyers.memberName')}>{b.memberName}</Descriptions.Item>
            <Descriptions.Item label={t('buyers.realName')}>{b.realName || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('buyers.phones')} span={2}>
              <span className="num" data-testid="svc-buyer-phones">
                {b.phones.join('、') || '—'}
              </span>
              {b.phonesMasked && b.phones.length > 0 && (
                <Typography.Text type="secondary"> （{t('buyers.masked')}）</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('buyers.addresses')} span={2}>
              {b.addresses.length ? b.addresses.map((a) => <div key={a}>{a}</div>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('buyers.tags')}>
              {b.tags.length ? b.tags.map((x) => <Tag key={x}>{x}</Tag>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('buyers.vipLevel')}>
              {b.vip ? (
                <span>
                  <Tag color="gold">{b.vip.name}</Tag>
                  <Typography.Text type="secondary">{b.vip.offers}</Typography.Text>
                </span>
              ) : (
                t('buyers.notVip')
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('buyers.orderCount')}>{b.orderCount}</Descriptions.Item>
            <Descriptions.Item label={t('buyers.paidTotal')}>
              <span className="num">¥{formatYuan(b.paidFen)}</span>
            </Descriptions.Item>
          </Descriptions>
          {canWrite && (
            <Space.Compact style={{ width: '100%' }}>
              <Input
                value={note}
                onChange={(e) => setNote(e.target.value)}
                onPressEnter={addNote}
                maxLength={1000}
                placeholder={t('buyers.notePlaceholder')}
                aria-label={t('buyers.notes')}
                data-testid="svc-buyer-note"
              />
              <Button onClick={addNote} data-testid="svc-buyer-note-add">
                {t('buyers.addNote')}
              </Button>
            </Space.Compact>
          )}
          <Card size="small" title={t('buyers.timeline')} data-testid="svc-buyer-timeline">
            {b.timeline.length ? (
              <Timeline
                items={b.timeline.map((e) => ({
                  color: KIND_COLOR[e.kind],
                  content: (
                    <div
                      className={e.kind === 'case' || orderOf(e) ? 'wh-row' : undefined}
                      onClick={() => {
                        if (e.kind === 'case') return useAftersalesUi.getState().openCase(e.refId);
                        const id = orderOf(e);
                        if (id) openOrder(id);
                      }}
                    >
                      <Tag color={KIND_COLOR[e.kind]} style={{ marginInlineEnd: 8 }}>
                        {t(`buyers.kinds.${e.kind}`)}
                      </Tag>
                      <EntryText e={e} />
                      <Typography.Text type="secondary">
                        {' '}
                        · {formatDateTime(e.at, timeZone)}
                        {e.staffName ? ` · ${e.staffName}` : ''}
                      </Typography.Text>
                    </div>
                  ),
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('buyers.timelineEmpty')} />
            )}
          </Card>
        </Space>
      )}
      {b && editing && (
        <Form<Values> form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="memberName"
            label={t('buyers.memberName')}
            rules={[{ required: true, whitespace: true, message: t('errors.validation.required') }]}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="realName" label={t('buyers.realName')}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="phones" label={t('buyers.phones')}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} />
          </Form.Item>
          <Form.Item name="addresses" label={t('buyers.addresses')}>
            <Select mode="tags" open={false} />
          </Form.Item>
          <Form.Item name="tags" label={t('buyers.tags')}>
            <Select mode="tags" open={false} placeholder={t('buyers.tagsPlaceholder')} />
          </Form.Item>
          <Form.Item name="vipLevel" label={t('buyers.vipLevel')}>
            <Select options={vipOptions} style={{ width: 220 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="svc-buyer-save">
              {t('buyers.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
      {b && <MergeModal open={merging} keep={b} onClose={() => setMerging(false)} />}
    </Drawer>
  );
}

function MergeModal({ open, keep, onClose }: { open: boolean; keep: Buyer; onClose(): void }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<BuyerRow[]>([]);
  const [picked, setPicked] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  function search(q: string) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      api.buyers
        .search({ q: q.trim(), limit: 20 })
        .then((p) => setOptions(p.rows.filter((r) => r.id !== keep.id)))
        .catch(() => setOptions([]));
    }, 200);
  }
  async function merge() {
    if (!picked) return;
    setBusy(true);
    try {
      await api.buyers.merge({ keepId: keep.id, mergeId: picked });
      ui().message.success(t('buyers.merged'));
      useServiceUi.getState().changed();
      onClose();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open={open}
      title={t('buyers.mergeTitle', { name: keep.memberName })}
      onCancel={onClose}
      onOk={merge}
      okText={t('buyers.mergeConfirm')}
      okButtonProps={{ danger: true, disabled: !picked }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('buyers.mergeHint')}</Typography.Paragraph>
      <Select
        showSearch={{ filterOption: false, onSearch: search }}
        style={{ width: '100%' }}
        placeholder={t('buyers.mergePick')}
        value={picked}
        onChange={setPicked}
        options={options.map((r) => ({
          value: r.id,
          label: `${r.memberName}${r.realName ? ` · ${r.realName}` : ''}${r.phones[0] ? ` · ${r.phones[0]}` : ''}`,
        }))}
      />
    </Modal>
  );
}
