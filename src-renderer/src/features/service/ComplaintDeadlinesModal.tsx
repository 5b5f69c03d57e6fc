import { Alert, Form, InputNumber, Modal, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_SEVERITIES,
  type ComplaintSeverity,
  type DeadlineSettings,
} from '../../../../src-main/api/contract-complaints';
import { api, errorText, reportError, ui } from '../../api';
import { SEVERITY_COLOR } from './ComplaintsPage';

type Hours = Record<ComplaintSeverity, { response: number | null; resolve: number | null }>;

const toHours = (m: number) => Math.round((m / 60) * 100) / 100;
const toMinutes = (h: number) => Math.round(h * 60);

/**
 * 投诉时限 (§14): the response and resolution deadlines per severity, in hours, for the CS supervisor
 * and the store manager. Saved deadlines apply to complaints registered afterwards; a complaint
 * already registered keeps the deadlines it was given.
 */
export function ComplaintDeadlinesModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Hours>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    api.complaints
      .settings({})
      .then((s) => {
        setError(null);
        const v = {} as Hours;
        for (const sev of COMPLAINT_SEVERITIES)
          v[sev] = { response: toHours(s[sev].responseMinutes), resolve: toHours(s[sev].resolveMinutes) };
        form.setFieldsValue(v);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [open, form]);

  async function save() {
    let v: Hours;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const input = {} as DeadlineSettings;
    for (const sev of COMPLAINT_SEVERITIES)
      input[sev] = {
        responseMinutes: toMinutes(v[sev].response!),
        resolveMinutes: toMinutes(v[sev].resolve!),
      };
    setBusy(true);
    try {
      await api.complaints.saveSettings(input);
      ui().message.success(t('complaints.deadlinesSaved'));
      onClose();
    } catch (e) {
      reportError(e, {
        form,
        map: (path) => {
          const [sev, field] = path.split('.');
          if (!sev || !(COMPLAINT_SEVERITIES as readonly string[]).includes(sev)) return null;
          return [sev, field === 'resolveMinutes' ? 'resolve' : 'response'];
        },
      });
    } finally {
      setBusy(false);
    }
  }

  const hoursRule = { required: true, message: t('complaints.deadlineRequired') };
  return (
    <Modal
      open={open}
      title={t('complaints.deadlinesTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('common.save')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'cmp-deadlines-save' } as never}
      destroyOnHidden
      width={560}
    >
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">{t('complaints.deadlinesHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" data-testid="cmp-deadlines-form" requiredMark={false}>
        <div
          style={{ display: 'grid', gridTemplateColumns: '80px 1fr 1fr', columnGap: 12, alignItems: 'start' }}
        >
          <span />
          <Typography.Text strong>{t('complaints.responseHours')}</Typography.Text>
          <Typography.Text strong>{t('complaints.resolveHours')}</Typography.Text>
          {COMPLAINT_SEVERITIES.map((sev) => (
            <DeadlineRow key={sev} sev={sev} hoursRule={hoursRule} />
          ))}
        </div>
      </Form>
      <Alert type="info" showIcon title={t('complaints.deadlinesOpenKeep')} />
    </Modal>
  );
}

function DeadlineRow({
  sev,
  hoursRule,
}: {
  sev: ComplaintSeverity;
  hoursRule: { required: boolean; message: string };
}) {
  const { t } = useTranslation();
  const positive = { type: 'number' as const, min: 0.1, message: t('complaints.deadlinePositive') };
  return (
    <>
      <span>
        <Tag color={SEVERITY_COLOR[sev]}>{t(`complaints.severities.${sev}`)}</Tag>
      </span>
      <Form.Item name={[sev, 'response']} rules={[hoursRule, positive]} style={{ marginBottom: 8 }}>
        <InputNumber
          min={0}
          max={720}
          step={1}
          suffix={t('complaints.hourUnit')}
          style={{ width: '100%' }}
          data-testid={`cmp-dl-${sev}-response`}
        />
      </Form.Item>
      <Form.Item
        name={[sev, 'resolve']}
        dependencies={[[sev, 'response']]}
        rules={[
          hoursRule,
          positive,
          ({ getFieldValue }) => ({
            validator(_, value: number | null) {
              const r = getFieldValue([sev, 'response']) as number | null;
              return value == null || r == null || value >= r
                ? Promise.resolve()
                : Promise.reject(new Error(t('errors.validation.resolveBeforeResponse')));
            },
          }),
        ]}
        style={{ marginBottom: 8 }}
      >
        <InputNumber
          min={0}
          max={720}
          step={1}
          suffix={t('complaints.hourUnit')}
          style={{ width: '100%' }}
          data-testid={`cmp-dl-${sev}-resolve`}
        />
      </Form.Item>
    </>
  );
}
