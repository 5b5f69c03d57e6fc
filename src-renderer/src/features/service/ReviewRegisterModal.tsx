import { DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order, OrderRow } from '../../../../src-main/api/contract';
import { REVIEW_RATINGS, type Review, type ReviewRating } from '../../../../src-main/api/contract-reviews';
import { api, fieldsOf, reportError, ui } from '../../api';

interface Values {
  orderId?: string;
  orderLineId?: string;
  rating: ReviewRating;
  reviewDate: Dayjs;
  content?: string;
}

/** 登记中差评: pick the order (search by number or member name), the item reviewed, the rating and text. */
export function ReviewRegisterModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose(): void;
  onDone(r: Review): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [orders, setOrders] = useState<OrderRow[]>([]);
  const [order, setOrder] = useState<Order | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  function search(q: string) {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      api.orders
        .list({ filter: { q: q.trim() }, limit: 20 })
        .then((p) => setOrders(p.rows))
        .catch(() => setOrders([]));
    }, 200);
  }
  async function pickOrder(id: string) {
    form.setFieldValue('orderLineId', undefined);
    try {
      const o = await api.orders.get({ id });
      setOrder(o);
      if (o.lines.length === 1) form.setFieldValue('orderLineId', o.lines[0]!.id);
    } catch (e) {
      reportError(e);
    }
  }
  function close() {
    form.resetFields();
    setOrder(null);
    setOrders([]);
    onClose();
  }
  async function submit(v: Values) {
    if (!v.orderId) return;
    setBusy(true);
    try {
      const r = await api.reviews.create({
        orderId: v.orderId,
        ...(v.orderLineId ? { orderLineId: v.orderLineId } : {}),
        rating: v.rating,
        content: v.content ?? '',
        reviewDate: v.reviewDate.format('YYYY-MM-DD'),
      });
      ui().message.success(t('reviews.registered', { number: r.number }));
      close();
      onDone(r);
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['orderId', 'orderLineId', 'rating', 'content', 'reviewDate']) });
    } finally {
      setBusy(false);
    }
  }

  const required = [{ required: true, message: t('errors.validation.required') }];
  return (
    <Modal
      open={open}
      title={t('reviews.registerTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('reviews.register')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'review-register-save' }}
      width={600}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ rating: 'negative', reviewDate: dayjs() }}
      >
        <Form.Item name="orderId" label={t('reviews.order')} rules={required}>
          <Select
            data-testid="review-register-order"
            showSearch={{ filterOption: false, onSearch: search }}
            placeholder={t('reviews.orderPlaceholder')}
            notFoundContent={t('reviews.orderNone')}
            onOpenChange={(o) => o && !orders.length && search('')}
            onChange={(id: string) => void pickOrder(id)}
            options={orders.map((o) => ({
              value: o.id,
              label: `${o.orderNo} · ${o.memberName || t('orders.noMember')}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="orderLineId"
          label={t('reviews.line')}
          rules={order && order.lines.length ? required : []}
          extra={
            order && !order.lines.length ? (
              <Typography.Text type="secondary">{t('reviews.noLines')}</Typography.Text>
            ) : undefined
          }
        >
          <Select
            data-testid="review-register-line"
            placeholder={t('reviews.linePlaceholder')}
            disabled={!order || !order.lines.length}
            options={(order?.lines ?? []).map((l) => ({
              value: l.id,
              label: `${l.title}${l.spec ? `（${l.spec}）` : ''}${l.skuCode ? ` · ${l.skuCode}` : ''}`,
            }))}
          />
        </Form.Item>
        <div style={{ display: 'flex', gap: 24 }}>
          <Form.Item name="rating" label={t('reviews.rating')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              data-testid="review-register-rating"
              options={REVIEW_RATINGS.map((r) => ({ value: r, label: t(`reviews.ratings.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="reviewDate" label={t('reviews.reviewDate')} rules={required}>
            <DatePicker
              allowClear={false}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="review-register-date"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="content"
          label={t('reviews.content')}
          rules={[{ required: true, whitespace: true, message: t('errors.validation.required') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder={t('reviews.contentPlaceholder')}
            data-testid="review-register-content"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
