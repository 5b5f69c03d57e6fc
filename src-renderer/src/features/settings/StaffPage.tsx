import {
  KeyOutlined,
  LockOutlined,
  PlusOutlined,
  StopOutlined,
  CheckCircleOutlined,
  EditOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Avatar,
  Button,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableProps,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRow } from '../../../../src-main/api/contract';
import { PRIVILEGED_ROLES, ROLES, type Role } from '../../../../src-main/api/permissions';

/** Roles only a store manager may give or manage (mirrors main's staff service). */
import { api, fieldsOf, reportError, ui } from '../../api';
import { PinInput, pinAgainRules, pinRules } from '../../components/PinInput';
import { initialOf, roleColor } from '../../lib/roles';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { useStaff } from '../../stores/staff';
import { useRelocalizeErrors } from '../../components/useRelocalizeErrors';

type Dialog = { kind: 'create' } | { kind: 'edit'; row: StaffRow } | { kind: 'pin'; row: StaffRow } | null;

/** 员工管理: accounts, roles, deactivation and PIN resets. */
export function StaffPage() {
  const { t } = useTranslation();
  const rows = useStaff((s) => s.rows);
  const loading = useStaff((s) => s.loading);
  const error = useStaff((s) => s.error);
  const load = useStaff((s) => s.load);
  const me = useSession((s) => s.session?.staff.id);
  const myRole = useSession((s) => s.session?.staff.role);
  const timeZone = useSession((s) => s.timeZone);
  const [dialog, setDialog] = useState<Dialog>(null);
  /** 行政人事 may not touch manager or director accounts (main enforces it; this only explains). */
  const mayManage = (r: StaffRow) => myRole === 'manager' || !PRIVILEGED_ROLES.includes(r.role);

  useEffect(() => {
    void load();
  }, [load]);

  function confirmActive(row: StaffRow, active: boolean) {
    ui().modal.confirm({
      title: active
        ? t('staff.activateTitle', { name: row.name })
        : t('staff.deactivateTitle', { name: row.name }),
      content: active ? t('staff.activateBody') : t('staff.deactivateBody'),
      okText: active ? t('staff.activate') : t('staff.deactivate'),
      okButtonProps: { danger: !active, 'data-testid': 'staff-active-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await api.staff.setActive({ id: row.id, active });
          ui().message.success(
            active ? t('staff.activated', { name: row.name }) : t('staff.deactivated', { name: row.name }),
          );
        } catch (e) {
          reportError(e);
        } finally {
          void load();
        }
      },
    });
  }

  const columns: TableProps<StaffRow>['columns'] = [
    {
      key: 'name',
      dataIndex: 'name',
      title: t('staff.name'),
      render: (v: string, r) => (
        <Space>
          <Avatar size={28} style={{ backgroundColor: r.active ? roleColor(r.role) : '#bfbfbf' }} aria-hidden>
            {initialOf(v)}
          </Avatar>
          <span>
            {v}
            {r.id === me && <Typography.Text type="secondary">{t('staff.you')}</Typography.Text>}
          </span>
        </Space>
      ),
    },
    {
      key: 'role',
      dataIndex: 'role',
      title: t('staff.role'),
      width: 180,
      render: (v: Role) => t(`roles.${v}`),
    },
    {
      key: 'status',
      title: t('staff.status'),
      width: 170,
      render: (_, r) => (
        <Space size={4}>
          {r.active ? <Tag color="success">{t('staff.active')}</Tag> : <Tag>{t('staff.inactive')}</Tag>}
          {r.locked && (
            <Tooltip title={t('staff.lockedHint')}>
              <Tag color="warning" icon={<LockOutlined />} data-testid={`staff-locked-${r.name}`}>
                {t('staff.locked')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      title: t('staff.updatedAt'),
      width: 160,
      render: (v: string) => <span className="num">{formatDateTime(v, timeZone)}</span>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 270,
      render: (_, r) => {
        const locked = !mayManage(r);
        const selfDeactivate = r.id === me && r.active;
        return (
          <Tooltip title={locked ? t('errors.staffPrivileged') : undefined}>
            <Space size={0}>
              <Button
                type="link"
                size="small"
                disabled={locked}
                icon={<EditOutlined />}
                onClick={() => setDialog({ kind: 'edit', row: r })}
                data-testid={`staff-edit-${r.name}`}
              >
                {t('staff.edit')}
              </Button>
              <Button
                type="link"
                size="small"
                icon={<KeyOutlined />}
                disabled={locked}
                onClick={() => setDialog({ kind: 'pin', row: r })}
                data-testid={`staff-pin-${r.name}`}
              >
                {t('staff.resetPin')}
              </Button>
              {r.active ? (
                <Tooltip title={selfDeactivate && !locked ? t('errors.cannotDeactivateSelf') : undefined}>
                  <Button
                    type="link"
                    size="small"
                    danger
                    disabled={locked || selfDeactivate}
                    icon={<StopOutlined />}
                    onClick={() => confirmActive(r, false)}
                    data-testid={`staff-deactivate-${r.name}`}
                  >
                    {t('staff.deactivate')}
                  </Button>
                </Tooltip>
              ) : (
                <Button
                  type="link"
                  size="small"
                  disabled={locked}
                  icon={<CheckCircleOutlined />}
                  onClick={() => confirmActive(r, true)}
                  data-testid={`staff-activate-${r.name}`}
                >
                  {t('staff.activate')}
                </Button>
              )}
            </Space>
          </Tooltip>
        );
      },
    },
  ];

  return (
    <div className="settings-page" data-testid="staff-page">
      <div className="page-head">
        <Typography.Text type="secondary">{t('staff.intro')}</Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDialog({ kind: 'create' })}
          data-testid="staff-new"
        >
          {t('staff.new')}
        </Button>
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<StaffRow>
        data-testid="staff-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 860 }}
        rowClassName={(r) => (r.active ? '' : 'row-muted')}
        locale={{ emptyText: t('staff.empty') }}
      />
      {dialog && <StaffDialog dialog={dialog} onClose={() => setDialog(null)} onSaved={() => void load()} />}
    </div>
  );
}

interface StaffValues {
  name: string;
  role: Role;
  pin: string;
  pin2: string;
}

function StaffDialog({
  dialog,
  onClose,
  onSaved,
}: {
  dialog: NonNullable<Dialog>;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<StaffValues>();
  useRelocalizeErrors(form);
  const [busy, setBusy] = useState(false);
  const row = dialog.kind === 'create' ? null : dialog.row;
  const myRole = useSession((st) => st.session?.staff.role);
  const editingSelf = useSession((st) => !!row && st.session?.staff.id === row.id);

  async function submit() {
    let v: StaffValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      if (dialog.kind === 'create') {
        const r = await api.staff.create({ name: v.name.trim(), role: v.role, pin: v.pin });
        ui().message.success(t('staff.created', { name: r.name }));
      } else if (dialog.kind === 'edit') {
        await api.staff.update({ id: dialog.row.id, name: v.name.trim(), role: v.role });
        ui().message.success(t('staff.updated'));
      } else {
        await api.staff.resetPin({ id: dialog.row.id, pin: v.pin });
        ui().message.success(t('staff.pinReset', { name: dialog.row.name }));
      }
      onSaved();
      onClose();
    } catch (e) {
      reportError(e, { form, map: fieldsOf(['name', 'role', 'pin']) });
    } finally {
      setBusy(false);
    }
  }

  const title =
    dialog.kind === 'create'
      ? t('staff.createTitle')
      : dialog.kind === 'edit'
        ? t('staff.editTitle', { name: dialog.row.name })
        : t('staff.resetTitle', { name: dialog.row.name });

  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'staff-save' }}
      destroyOnHidden
      width={480}
    >
      <Form<StaffValues>
        form={form}
        layout="vertical"
        initialValues={row ? { name: row.name, role: row.role } : {}}
        disabled={busy}
        onFinish={submit}
      >
        {dialog.kind !== 'pin' && (
          <>
            <Form.Item
              name="name"
              label={t('staff.name')}
              rules={[{ required: true, whitespace: true, message: t('staff.nameRequired') }]}
            >
              <Input
                data-testid="staff-name"
                placeholder={t('staff.namePlaceholder')}
                maxLength={40}
                autoFocus
              />
            </Form.Item>
            <Form.Item
              name="role"
              label={t('staff.role')}
              rules={[{ required: true, message: t('staff.roleRequired') }]}
              extra={editingSelf ? t('errors.ownRole') : undefined}
            >
              <Select<Role>
                data-testid="staff-role"
                placeholder={t('staff.rolePlaceholder')}
                disabled={editingSelf}
                options={ROLES.map((r) => ({
                  value: r,
                  label: t(`roles.${r}`),
                  disabled: myRole !== 'manager' && PRIVILEGED_ROLES.includes(r),
                }))}
              />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'pin' && (
          <Typography.Paragraph type="secondary">{t('staff.resetHint')}</Typography.Paragraph>
        )}
        {dialog.kind !== 'edit' && (
          <div className="form-row-2">
            <Form.Item
              name="pin"
              label={dialog.kind === 'pin' ? t('staff.newPin') : t('staff.pin')}
              rules={pinRules(t)}
            >
              <PinInput
                data-testid="staff-pin"
                placeholder={t('pin.placeholder')}
                autoFocus={dialog.kind === 'pin'}
              />
            </Form.Item>
            <Form.Item
              name="pin2"
              label={t('staff.pin2')}
              dependencies={['pin']}
              rules={pinAgainRules(t, 'pin')}
            >
              <PinInput data-testid="staff-pin2" placeholder={t('pin.placeholder')} />
            </Form.Item>
          </div>
        )}
        {dialog.kind === 'create' && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('staff.createHint')}
          </Typography.Paragraph>
        )}
        {/* Enter in a field submits. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
