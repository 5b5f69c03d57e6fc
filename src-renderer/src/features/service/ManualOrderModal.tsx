import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORDER_STATUSES, type OrderStatus } from '../../../../src-main/api/contract';
import { parseYuan } from '../../../../src-main/lib/money';
import { api, fieldsOf, reportError, ui } from '../../api';
import { SkuSelect } from '../warehouse/pickers';
import { useServiceUi } from './state';

interface Values {
  memberName: string;
  receiverName?: string;
  receiverPhone?: string;
  receiverAddress?: string;
  status: OrderStatus;
  postage?: string;
  buyerMessage?: string;
  lines: { skuId?: string; quantity: number }[];
}

/** 录入订单: an order taken outside Taobao's export (phone, WeChat, a shop visit). */
export function ManualOrderModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  async function submit(v: Values) {
    setBusy(true);
    try {
      const o = await api.orders.create({
        memberName: v.memberName,
        receiverName: v.receiverName ?? '',
        receiverPhone: v.receiverPhone ?? '',
        receiverAddress: v.receiverAddress ?? '',
        status: v.status,
        postageFen: parseYuan(v.postage ?? '') ?? 0,
        buyerMessage: v.buyerMessage ?? '',
        lines: v.lines.filter((l) => l.skuId).map((l) => ({ skuId: l.skuId!, quantity: l.quantity })),
      });
      ui().message.success(t('orders.manualForm.created', { orderNo: o.orderNo }));
      useServiceUi.getState().changed();
      form.resetFields();
      onClose();
      useServiceUi.getState().openOrder(o.id);
    } catch (e) {
      reportError(e, {
        form,
        map: fieldsOf(
          ['memberName', 'receiverName', 'receiverPhone', 'receiverAddress', 'lines', 'postageFen'],
          {
            postageFen: 'postage',
          },
        ),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('orders.manualForm.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orders.manualForm.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'svc-manual-save' }}
      width={640}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ status: 'wait_pay', lines: [{ quantity: 1 }] }}
      >
        <Space.Compact block>
          <Form.Item
            name="memberName"
            label={t('orders.manualForm.memberName')}
            rules={[{ required: true, whitespace: true, message: t('errors.validation.required') }]}
            style={{ flex: 1, marginRight: 12 }}
          >
            <Input maxLength={64} data-testid="svc-manual-member" />
          </Form.Item>
          <Form.Item name="status" label={t('orders.manualForm.status')} style={{ width: 200 }}>
            <Select options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.statuses.${s}`) }))} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item
            name="receiverName"
            label={t('orders.manualForm.receiverName')}
            style={{ flex: 1, marginRight: 12 }}
          >
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item name="receiverPhone" label={t('orders.manualForm.receiverPhone')} style={{ flex: 1 }}>
            <Input maxLength={24} inputMode="tel" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="receiverAddress" label={t('orders.manualForm.receiverAddress')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <div>
              <div className="ant-form-item-label">
                <label>{t('orders.manualForm.lines')}</label>
              </div>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'skuId']}
                    rules={[{ required: true, message: t('errors.validation.required') }]}
                    style={{ width: 420 }}
                  >
                    <SkuSelect
                      placeholder={t('orders.manualForm.skuPlaceholder')}
                      data-testid="svc-manual-sku"
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} style={{ width: 100 }}>
                    <InputNumber
                      min={1}
                      max={10000}
                      precision={0}
                      aria-label={t('orders.manualForm.quantity')}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('orders.manualForm.removeLine')}
                      onClick={() => remove(f.name)}
                    />
                  )}
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ quantity: 1 })}
                style={{ marginBottom: 16 }}
              >
                {t('orders.manualForm.addLine')}
              </Button>
            </div>
          )}
        </Form.List>
        <Space.Compact block>
          <Form.Item
            name="postage"
            label={t('orders.manualForm.postage')}
            style={{ width: 160, marginRight: 12 }}
          >
            <Input inputMode="decimal" placeholder="0.00" />
          </Form.Item>
          <Form.Item name="buyerMessage" label={t('orders.manualForm.message')} style={{ flex: 1 }}>
            <Input maxLength={500} />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}
