import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Punch } from '../../../../src-main/api/contract';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { shopTimeToUtc } from './dates';

interface FormValues {
  kind: 'in' | 'out' | 'void';
  at?: Dayjs;
  reason: string;
}

/**
 * One person's punches in a month. The team's supervisor (or the manager) adds a correction: a
 * missed punch, the right time of a wrong one, or a void — always a new record with a reason.
 */
export function PunchesModal({
  person,
  month,
  canCorrect,
  onClose,
  onChanged,
}: {
  person: { staffId: string; name: string };
  month: string;
  canCorrect: boolean;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const [punches, setPunches] = useState<Punch[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<Punch | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);

  const load = useCallback(
    () =>
      api.attendance.punches({ staffId: person.staffId, month }).then(
        (next) => setPunches(next),
        (e: unknown) => setError(errorText(e)),
      ),
    [person.staffId, month],
  );
  useEffect(() => {
    void load();
  }, [load]);

  function startFix(p: Punch, asVoid: boolean) {
    setReplacing(p);
    form.setFieldsValue({ kind: asVoid ? 'void' : (p.kind as 'in' | 'out'), reason: '' });
  }

  async function submit(v: FormValues) {
    setBusy(true);
    try {
      const at =
        v.kind !== 'void' && v.at
          ? shopTimeToUtc(v.at.format('YYYY-MM-DD'), v.at.hour(), v.at.minute(), timeZone).toISOString()
          : undefined;
      await api.attendance.correct({
        staffId: person.staffId,
        kind: v.kind,
        reason: v.reason,
        ...(at ? { at } : {}),
        ...(replacing ? { replacesId: replacing.id } : {}),
      });
      ui().message.success(t('attendance.punches.saved'));
      form.resetFields();
      setReplacing(null);
      await load();
      onChanged();
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['at', 'reason', 'kind']) });
    } finally {
      setBusy(false);
    }
  }

  const columns: TableProps<Punch>['columns'] = [
    {
      key: 'at',
      title: t('attendance.punches.time'),
      width: 170,
      render: (_: unknown, p) => (
        <span className={p.superseded ? 'punch--superseded' : ''}>
          {formatDateTime(p.at, timeZone, true)}
        </span>
      ),
    },
    {
      key: 'kind',
      title: t('attendance.punches.kind'),
      width: 80,
      render: (_: unknown, p) => (
        <Tag color={p.kind === 'in' ? 'green' : p.kind === 'out' ? 'blue' : 'default'}>
          {t(`attendance.punches.kinds.${p.kind}`)}
        </Tag>
      ),
    },
    {
      key: 'source',
      title: t('attendance.punches.source'),
      width: 150,
      render: (_: unknown, p) => (
        <Space size={4} wrap>
          {p.source === 'self' ? t('attendance.punches.self') : t('attendance.punches.correction')}
          {p.superseded && <Tag color="warning">{t('attendance.punches.superseded')}</Tag>}
        </Space>
      ),
    },
    { key: 'reason', dataIndex: 'reason', title: t('attendance.punches.reason') },
    {
      key: 'by',
      title: t('attendance.punches.recordedBy'),
      width: 120,
      render: (_: unknown, p) => `${p.recordedByName ?? ''} · ${p.device}`,
    },
    ...(canCorrect
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 120,
            render: (_: unknown, p: Punch) =>
              p.superseded || p.kind === 'void' ? null : (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => startFix(p, false)}>
                    {t('attendance.punches.fix')}
                  </Button>
                  <Button size="small" type="link" danger onClick={() => startFix(p, true)}>
                    {t('attendance.punches.voidIt')}
                  </Button>
                </Space>
              ),
          },
        ]
      : []),
  ];

  return (
    <Modal
      open
      title={t('attendance.punches.title', { name: person.name, month })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      width={880}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Punch>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={punches ?? []}
        loading={!punches && !error}
        pagination={false}
        scroll={{ y: 280 }}
        locale={{ emptyText: t('attendance.punches.none') }}
        data-testid="att-punch-table"
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('attendance.punches.factsNote')}
      </Typography.Paragraph>
      {canCorrect && (
        <Form<FormValues>
          form={form}
          layout="inline"
          initialValues={{ kind: 'in', reason: '' }}
          onFinish={(v) => void submit(v)}
          className="punch-form"
          data-testid="att-correct-form"
        >
          <Typography.Text strong style={{ width: '100%', marginBottom: 8 }}>
            {replacing
              ? t('attendance.punches.fixing', {
                  time: formatDateTime(replacing.at, timeZone),
                  kind: t(`attendance.punches.kinds.${replacing.kind}`),
                })
              : t('attendance.punches.addTitle')}
          </Typography.Text>
          <Form.Item name="kind" label={t('attendance.punches.addKind')}>
            <Select
              style={{ width: 96 }}
              options={(['in', 'out', ...(replacing ? (['void'] as const) : [])] as const).map((k) => ({
                value: k,
                label: t(`attendance.punches.kinds.${k}`),
              }))}
              data-testid="att-correct-kind"
            />
          </Form.Item>
          {kind !== 'void' && (
            <Form.Item
              name="at"
              label={t('attendance.punches.addTime')}
              rules={[{ required: true, message: t('errors.validation.required') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                data-testid="att-correct-at"
              />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('attendance.punches.addReason')}
            rules={[{ required: true, whitespace: true, message: t('errors.validation.required') }]}
          >
            <Input
              style={{ width: 300 }}
              maxLength={200}
              placeholder={t('attendance.punches.reasonPlaceholder')}
              data-testid="att-correct-reason"
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="att-correct-submit">
                {t('attendance.punches.add')}
              </Button>
              {replacing && (
                <Button
                  onClick={() => {
                    setReplacing(null);
                    form.resetFields();
                  }}
                >
                  {t('common.cancel')}
                </Button>
              )}
            </Space>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
