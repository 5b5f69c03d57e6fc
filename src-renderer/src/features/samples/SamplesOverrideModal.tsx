import { Alert, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The art supervisor completes a task whose samples are still out: a reason is required and recorded. */
export function SamplesOverrideModal({
  count,
  busy,
  onCancel,
  onOk,
}: {
  count: number;
  busy: boolean;
  onCancel(): void;
  onOk(reason: string): void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open
      title={t('samples.overrideTitle')}
      onCancel={onCancel}
      onOk={() => onOk(reason.trim())}
      okText={t('samples.overrideOk')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !reason.trim(), 'data-testid': 'samples-override-ok' } as never}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('samples.overrideBody', { count })}
      />
      <Input.TextArea
        rows={3}
        autoFocus
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={200}
        placeholder={t('samples.overridePlaceholderTask')}
        data-testid="samples-override-reason"
      />
    </Modal>
  );
}
