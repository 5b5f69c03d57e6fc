import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttendanceSettings, ShiftTemplate, Team } from '../../../../src-main/api/contract';
import { api, errorText, fieldsOf, reportError, ui } from '../../api';

interface TemplateForm {
  name: string;
  start: string;
  end: string;
  archived: boolean;
}

/** 班次设置 (store manager): the team's shift templates and the attendance grace minutes. */
export function ShiftSettings({ team }: { team: Team }) {
  const { t } = useTranslation();
  const [templates, setTemplates] = useState<ShiftTemplate[] | null>(null);
  const [settings, setSettings] = useState<AttendanceSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<ShiftTemplate | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TemplateForm>();
  const [rules] = Form.useForm<{ lateGraceMin: number; earlyGraceMin: number }>();

  const load = useCallback(
    () =>
      Promise.all([api.rota.templates({ team, includeArchived: true }), api.attendance.settings({})]).then(
        ([tpls, s]) => {
          setTemplates(tpls);
          setSettings(s);
          rules.setFieldsValue({ lateGraceMin: s.lateGraceMin, earlyGraceMin: s.earlyGraceMin });
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [team, rules],
  );
  useEffect(() => {
    void load();
  }, [load]);

  function open(tpl: ShiftTemplate | 'new') {
    setEditing(tpl);
    form.setFieldsValue(
      tpl === 'new'
        ? { name: '', start: '09:00', end: '18:00', archived: false }
        : { name: tpl.name, start: tpl.start, end: tpl.end, archived: tpl.archived },
    );
  }

  async function saveTemplate(v: TemplateForm) {
    if (!editing) return;
    setBusy(true);
    try {
      await api.rota.saveTemplate({
        team,
        ...v,
        ...(editing !== 'new' ? { id: editing.id, expectedVersion: editing.version } : {}),
      });
      ui().message.success(t('rota.templates.saved'));
      setEditing(null);
      await load();
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['name', 'start', 'end']) });
    } finally {
      setBusy(false);
    }
  }

  async function saveRules(v: { lateGraceMin: number; earlyGraceMin: number }) {
    try {
      setSettings(await api.attendance.saveSettings(v));
      ui().message.success(t('rota.settings.saved'));
    } catch (e) {
      reportError(e, { form: rules, map: fieldsOf(['lateGraceMin', 'earlyGraceMin']) });
    }
  }

  const columns: TableProps<ShiftTemplate>['columns'] = [
    { key: 'name', dataIndex: 'name', title: t('rota.templates.name'), width: 140 },
    {
      key: 'time',
      title: t('rota.templates.time'),
      width: 160,
      render: (_: unknown, r) => `${r.start}–${r.end}`,
    },
    {
      key: 'state',
      title: '',
      width: 90,
      render: (_: unknown, r) =>
        r.archived ? (
          <Tag>{t('rota.templates.archived')}</Tag>
        ) : (
          <Tag color="green">{t('rota.templates.inUse')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_: unknown, r) => (
        <Button size="small" type="link" onClick={() => open(r)} data-testid={`shift-edit-${r.name}`}>
          {t('rota.templates.edit')}
        </Button>
      ),
    },
  ];

  const timeRule = {
    pattern: /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/,
    message: t('errors.validation.timeOfDay'),
  };

  return (
    <div className="wh-page staffing-page staffing-settings">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <div className="page-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('rota.templates.title')} · {t(`rota.teams.${team}`)}
        </Typography.Title>
        <Button icon={<PlusOutlined />} onClick={() => open('new')} data-testid="shift-new">
          {t('rota.templates.add')}
        </Button>
      </div>
      <Table<ShiftTemplate>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={templates ?? []}
        loading={!templates && !error}
        pagination={false}
        style={{ maxWidth: 560, marginBottom: 24 }}
      />
      <Typography.Title level={5}>{t('rota.settings.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('rota.settings.hint')}</Typography.Paragraph>
      <Form layout="inline" form={rules} onFinish={(v) => void saveRules(v)} disabled={!settings}>
        <Form.Item name="lateGraceMin" label={t('rota.settings.lateGrace')} rules={[{ required: true }]}>
          <InputNumber min={0} max={120} precision={0} data-testid="rules-late" />
        </Form.Item>
        <Form.Item name="earlyGraceMin" label={t('rota.settings.earlyGrace')} rules={[{ required: true }]}>
          <InputNumber min={0} max={120} precision={0} data-testid="rules-early" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" data-testid="rules-save">
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('rota.templates.addTitle') : t('rota.templates.editTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'shift-save' } as never}
        destroyOnHidden
        forceRender
      >
        <Form<TemplateForm> form={form} layout="vertical" onFinish={(v) => void saveTemplate(v)}>
          <Form.Item
            name="name"
            label={t('rota.templates.name')}
            rules={[{ required: true, whitespace: true, message: t('errors.validation.required') }]}
          >
            <Input maxLength={20} data-testid="shift-name" />
          </Form.Item>
          <Space size={16} align="start">
            <Form.Item
              name="start"
              label={t('rota.templates.start')}
              rules={[{ required: true, message: t('errors.validation.required') }, timeRule]}
            >
              <Input style={{ width: 120 }} placeholder="08:00" data-testid="shift-start" />
            </Form.Item>
            <Form.Item
              name="end"
              label={t('rota.templates.end')}
              rules={[{ required: true, message: t('errors.validation.required') }, timeRule]}
            >
              <Input style={{ width: 120 }} placeholder="17:00" data-testid="shift-end" />
            </Form.Item>
          </Space>
          <Typography.Paragraph type="secondary">{t('rota.templates.timeHint')}</Typography.Paragraph>
          {editing !== 'new' && (
            <Form.Item name="archived" label={t('rota.templates.archive')} valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
