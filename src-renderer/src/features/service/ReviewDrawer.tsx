import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REVIEW_CONTACT_CHANNELS,
  REVIEW_OUTCOMES,
  REVIEW_REASONS,
  type Review,
  type ReviewContactChannel,
  type ReviewOutcome,
  type ReviewReason,
  type ReviewStep,
} from '../../../../src-main/api/contract-reviews';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { OUTCOME_COLOR, RATING_COLOR } from './reviewsCommon';
import { useServiceUi } from './state';

interface Values {
  contactChannel?: ReviewContactChannel;
  contactedAt?: Dayjs | null;
  reason?: ReviewReason;
  solution?: string;
  compensationYuan?: number | null;
  outcome: ReviewOutcome;
  explanation?: string;
  note?: string;
}

/** What one handling step changed, as short lines. */
function StepText({ s }: { s: ReviewStep }) {
  const { t } = useTranslation();
  const timeZone = useSession((x) => x.timeZone);
  const parts: string[] = [];
  if (s.contactChannel)
    parts.push(
      `${t('reviews.contact')}：${t(`reviews.channels.${s.contactChannel}`)} ${formatDateTime(s.contactedAt, timeZone)}`,
    );
  if (s.reason) parts.push(`${t('reviews.reason')}：${t(`reviews.reasons.${s.reason}`)}`);
  if (s.solution !== null) parts.push(`${t('reviews.solution')}：${s.solution || '—'}`);
  if (s.compensationFen !== null)
    parts.push(`${t('reviews.compensation')}：¥${formatYuan(s.compensationFen)}`);
  if (s.kind === 'handle' && s.outcome)
    parts.push(`${t('reviews.outcome')}：${t(`reviews.outcomes.${s.outcome}`)}`);
  if (s.explanation) parts.push(`${t('reviews.explanation')}：${s.explanation}`);
  if (s.note) parts.push(`${t('reviews.note')}：${s.note}`);
  return (
    <div>
      {parts.map((p) => (
        <div key={p}>{p}</div>
      ))}
    </div>
  );
}

/** One registered review: what the buyer wrote, the handling so far, and the form for the next step. */
export function ReviewDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canWrite = useCan('reviews.write');
  const canOrders = useCan('orders.read');
  const [review, setReview] = useState<Review | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);

  useEffect(() => {
    if (!id) return;
    let live = true;
    api.reviews
      .get({ id })
      .then((r) => {
        if (!live) return;
        setReview(r);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [id]);

  useEffect(() => {
    if (!review || review.id !== id) return;
    form.setFieldsValue({
      contactChannel: undefined,
      contactedAt: null,
      reason: review.reason || undefined,
      solution: review.solution,
      compensationYuan: review.compensationFen ? review.compensationFen / 100 : null,
      outcome: review.outcome,
      explanation: review.explanation,
      note: '',
    });
  }, [review, id, form]);

  async function submit(v: Values) {
    if (!review) return;
    setBusy(true);
    try {
      const next = await api.reviews.handle({
        id: review.id,
        expectedVersion: review.version,
        ...(v.contactChannel ? { contactChannel: v.contactChannel } : {}),
        ...(v.contactedAt ? { contactedAt: v.contactedAt.toISOString() } : {}),
        ...(v.reason ? { reason: v.reason } : {}),
        solution: v.solution ?? '',
        compensationFen: Math.round((v.compensationYuan ?? 0) * 100),
        outcome: v.outcome,
        ...(v.outcome === 'explained' || review.explanation ? { explanation: v.explanation ?? '' } : {}),
        note: v.note ?? '',
      });
      setReview(next);
      ui().message.success(t('reviews.handled'));
      onChanged();
    } catch (e) {
      reportError(e, {
        form,
        map: fieldsOf(
          ['contactChannel', 'contactedAt', 'reason', 'solution', 'outcome', 'explanation', 'note'],
          { compensationFen: 'compensationYuan' },
        ),
      });
    } finally {
      setBusy(false);
    }
  }

  const r = review && review.id === id ? review : null;
  const final = r?.outcome === 'revised';
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={720}
      title={r ? `${r.number} · ${t(`reviews.ratings.${r.rating}`)}` : ''}
      data-testid="review-drawer"
    >
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {r && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('reviews.orderNo')}>
              {canOrders ? (
                <a className="num" onClick={() => useServiceUi.getState().openOrder(r.orderId)}>
                  {r.orderNo}
                </a>
              ) : (
                <span className="num">{r.orderNo}</span>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.buyer')}>
              {canOrders && r.buyerId ? (
                <a onClick={() => useServiceUi.getState().openBuyer(r.buyerId!)}>{r.memberName}</a>
              ) : (
                r.memberName || '—'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.product')} span={2}>
              {r.title || '—'}
              {r.spec && <Typography.Text type="secondary">（{r.spec}）</Typography.Text>}
              {r.skuCode && <Tag style={{ marginLeft: 8 }}>{r.skuCode}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.rating')}>
              <Tag color={RATING_COLOR[r.rating]}>{t(`reviews.ratings.${r.rating}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.reviewDate')}>
              <span className="num">{r.reviewDate}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.content')} span={2}>
              <span data-testid="review-content">{r.content}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.outcome')}>
              <Tag color={OUTCOME_COLOR[r.outcome]} data-testid="review-outcome">
                {t(`reviews.outcomes.${r.outcome}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.reason')}>
              {r.reason ? t(`reviews.reasons.${r.reason}`) : t('reviews.unclassified')}
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.contact')}>
              {r.contactChannel
                ? `${t(`reviews.channels.${r.contactChannel}`)} · ${formatDateTime(r.contactedAt, timeZone)}`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.compensation')}>
              <span className="num">¥{formatYuan(r.compensationFen)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('reviews.solution')} span={2}>
              {r.solution || '—'}
            </Descriptions.Item>
            {r.explanation ? (
              <Descriptions.Item label={t('reviews.explanation')} span={2}>
                {r.explanation}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('reviews.registeredBy')}>{r.createdByName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('reviews.registeredAt')}>
              <span className="num">{formatDateTime(r.createdAt, timeZone)}</span>
            </Descriptions.Item>
          </Descriptions>

          <Card size="small" title={t('reviews.steps')} data-testid="review-steps">
            <Timeline
              items={r.steps.map((s) => ({
                color: s.kind === 'register' ? 'gray' : s.outcome === 'revised' ? 'green' : 'blue',
                content: (
                  <div>
                    <Tag>{t(`reviews.stepKinds.${s.kind}`)}</Tag>
                    <Typography.Text type="secondary">
                      {formatDateTime(s.at, timeZone)}
                      {s.staffName ? ` · ${s.staffName}` : ''}
                    </Typography.Text>
                    <StepText s={s} />
                  </div>
                ),
              }))}
            />
          </Card>
          {canWrite && (
            <Card size="small" title={t('reviews.handle')} data-testid="review-handle">
              {final && (
                <Alert
                  type="success"
                  showIcon
                  title={t('reviews.revisedFinal')}
                  style={{ marginBottom: 12 }}
                />
              )}
              <Form<Values> form={form} layout="vertical" onFinish={submit}>
                <Space size={16} wrap align="start">
                  <Form.Item name="contactChannel" label={t('reviews.contactChannel')}>
                    <Radio.Group
                      optionType="button"
                      data-testid="review-handle-channel"
                      options={REVIEW_CONTACT_CHANNELS.map((c) => ({
                        value: c,
                        label: t(`reviews.channels.${c}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name="contactedAt" label={t('reviews.contactedAt')}>
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      placeholder={t('reviews.contactNow')}
                      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                      style={{ width: 190 }}
                    />
                  </Form.Item>
                  <Form.Item name="reason" label={t('reviews.reason')}>
                    <Select
                      data-testid="review-handle-reason"
                      placeholder={t('reviews.reasonPlaceholder')}
                      style={{ width: 150 }}
                      options={REVIEW_REASONS.map((x) => ({ value: x, label: t(`reviews.reasons.${x}`) }))}
                    />
                  </Form.Item>
                </Space>
                <Space size={16} wrap align="start" style={{ width: '100%' }}>
                  <Form.Item name="solution" label={t('reviews.solution')} style={{ width: 420 }}>
                    <Input
                      maxLength={500}
                      placeholder={t('reviews.solutionPlaceholder')}
                      data-testid="review-handle-solution"
                    />
                  </Form.Item>
                  <Form.Item name="compensationYuan" label={t('reviews.compensationYuan')}>
                    <InputNumber
                      min={0}
                      max={10_000_000}
                      precision={2}
                      style={{ width: 150 }}
                      data-testid="review-handle-compensation"
                    />
                  </Form.Item>
                </Space>
                <Form.Item name="outcome" label={t('reviews.outcome')}>
                  <Radio.Group
                    optionType="button"
                    buttonStyle="solid"
                    data-testid="review-handle-outcome"
                    options={REVIEW_OUTCOMES.map((o) => ({
                      value: o,
                      label: t(`reviews.outcomes.${o}`),
                      disabled: final && o !== 'revised',
                    }))}
                  />
                </Form.Item>
                {(outcome === 'explained' || !!r.explanation) && (
                  <Form.Item
                    name="explanation"
                    label={t('reviews.explanation')}
                    extra={t('reviews.explanationHint')}
                    rules={
                      outcome === 'explained'
                        ? [
                            {
                              required: true,
                              whitespace: true,
                              message: t('errors.validation.explanationRequired'),
                            },
                          ]
                        : []
                    }
                  >
                    <Input.TextArea
                      rows={2}
                      maxLength={500}
                      showCount
                      placeholder={t('reviews.explanationPlaceholder')}
                      data-testid="review-handle-explanation"
                    />
                  </Form.Item>
                )}
                <Form.Item name="note" label={t('reviews.note')}>
                  <Input
                    maxLength={500}
                    placeholder={t('reviews.notePlaceholder')}
                    data-testid="review-handle-note"
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="review-handle-save">
                  {t('reviews.handle')}
                </Button>
              </Form>
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  );
}
