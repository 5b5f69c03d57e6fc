// 新建销售出库（订单）: an order typed in by hand (until orders come from the customer-service
// module): order number, buyer, items. Main chooses the bins (shipping.createOrder).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, fieldsOf, reportError, ui } from '../../api';
import { useRelocalizeErrors } from '../../components/useRelocalizeErrors';
import { SkuSelect } from './pickers';

interface Values {
  orderRef: string;
  counterpart: string;
  notes: string;
  lines: { skuId?: string; quantity?: number }[];
}

const mapField = fieldsOf(['orderRef', 'counterpart', 'notes', 'lines']);

export function NewOrderModal({ open, onClose }: { open: boolean; onClose(created: boolean): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  useRelocalizeErrors(form);

  async function submit() {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    try {
      const doc = await api.shipping.createOrder({
        orderRef: v.orderRef,
        counterpart: v.counterpart ?? '',
        notes: v.notes ?? '',
        lines: v.lines.map((l) => ({ skuId: l.skuId!, quantity: l.quantity ?? 1 })),
      });
      ui().message.success(t('shipping.created', { number: doc.number, orderRef: doc.orderRef }));
      form.resetFields();
      onClose(true);
    } catch (e) {
      reportError(e, { form, map: mapField });
    }
  }

  return (
    <Modal
      open={open}
      title={t('shipping.newTitle')}
      onCancel={() => onClose(false)}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'ship-new-save' }}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('shipping.newHelp')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ orderRef: '', counterpart: '', notes: '', lines: [{ quantity: 1 }] }}
        preserve={false}
      >
        <Space align="start" style={{ width: '100%' }} wrap>
          <Form.Item
            name="orderRef"
            label={t('shipping.orderRef')}
            rules={[{ required: true, whitespace: true, message: t('shipping.orderRefRequired') }]}
          >
            <Input
              style={{ width: 300 }}
              maxLength={64}
              placeholder={t('shipping.orderRefPlaceholder')}
              data-testid="ship-new-orderref"
            />
          </Form.Item>
          <Form.Item name="counterpart" label={t('shipping.buyer')}>
            <Input
              style={{ width: 300 }}
              maxLength={100}
              placeholder={t('shipping.buyerPlaceholder')}
              data-testid="ship-new-buyer"
            />
          </Form.Item>
        </Space>
        <Typography.Text strong>{t('shipping.lines')}</Typography.Text>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item
                    name={[f.name, 'skuId']}
                    rules={[{ required: true, message: t('shipping.skuRequired') }]}
                  >
                    <SkuSelect style={{ width: 440 }} data-testid={`ship-new-sku-${i}`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'quantity']}
                    rules={[{ required: true, message: t('shipping.qtyRequired') }]}
                  >
                    <InputNumber
                      min={1}
                      max={1_000_000}
                      precision={0}
                      style={{ width: 100 }}
                      aria-label={t('shipping.quantity')}
                      data-testid={`ship-new-qty-${i}`}
                    />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('shipping.removeLine')}
                      onClick={() => remove(f.name)}
                    />
                  )}
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} data-testid="ship-new-add">
                {t('shipping.addLine')}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="notes" label={t('shipping.notes')} style={{ marginTop: 16 }}>
          <Input maxLength={2000} placeholder={t('shipping.notesPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
