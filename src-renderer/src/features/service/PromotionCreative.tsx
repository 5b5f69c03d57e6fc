// The campaign page's 美工任务 card (§10.4): the campaign's design tasks from the art tab with status,
// designer, due date and overdue marking, a done/total progress bar, "生成美工任务" for what is
// missing, and the art supervisor's lead days. A row opens the task itself (the art tab's task
// drawer) for the art team, a read-only view for everyone else (客服 cannot open art tasks).
import { PlusOutlined, SettingOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  InputNumber,
  Modal,
  Progress,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CREATIVE_KINDS,
  type CreativeLead,
  type Promotion,
  type PromotionCreativeTask,
} from '../../../../src-main/api/contract-promotions';
import { api, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { TaskDrawer } from '../art/TaskDrawer';
import { PRIORITY_COLOR, STATUS_COLOR } from '../art/TasksPage';

export function PromotionCreativeCard({
  promotion,
  onChanged,
}: {
  promotion: Promotion;
  /** After something changed here: the campaign as it is now. */
  onChanged(p: Promotion): void;
}) {
  const { t } = useTranslation();
  const canOpen = useCan('art.read');
  const canCreate = useCan('promotions.creative');
  const canLead = useCan('art.review');
  const [openTask, setOpenTask] = useState<string | null>(null);
  const [viewing, setViewing] = useState<PromotionCreativeTask | null>(null);
  const [editingLead, setEditingLead] = useState(false);
  const [busy, setBusy] = useState(false);
  const tasks = promotion.creative;
  const done = tasks.filter((x) => x.status === 'done').length;
  const missing = CREATIVE_KINDS.filter((k) => !tasks.some((x) => x.creativeKind === k)).length;

  async function reload() {
    try {
      onChanged(await api.promotions.get({ id: promotion.id }));
    } catch (e) {
      reportError(e);
    }
  }
  async function create() {
    setBusy(true);
    try {
      const before = tasks.length;
      const p = await api.promotions.createCreative({ id: promotion.id });
      const made = p.creative.length - before;
      if (made > 0) ui().message.success(t('promotions.creative.created', { count: made }));
      else ui().message.info(t('promotions.creative.upToDate'));
      onChanged(p);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  const open = (x: PromotionCreativeTask) => (canOpen ? setOpenTask(x.id) : setViewing(x));
  return (
    <Card
      size="small"
      title={t('promotions.creative.progress', { done, total: tasks.length })}
      data-testid="promo-creative"
      extra={
        <Space size={8}>
          {canLead && (
            <Button
              size="small"
              icon={<SettingOutlined />}
              onClick={() => setEditingLead(true)}
              data-testid="promo-creative-lead"
            >
              {t('promotions.creative.lead')}
            </Button>
          )}
          {canCreate && promotion.phase !== 'ended' && missing > 0 && (
            <Tooltip title={t('promotions.creative.createHint')}>
              <Button
                size="small"
                type="primary"
                icon={<PlusOutlined />}
                loading={busy}
                onClick={() => void create()}
                data-testid="promo-creative-create"
              >
                {t('promotions.creative.create')}
              </Button>
            </Tooltip>
          )}
        </Space>
      }
    >
      {tasks.length > 0 && (
        <Tooltip title={t('promotions.creative.progressHint', { done, total: tasks.length })}>
          <Progress
            percent={Math.round((done / tasks.length) * 100)}
            size="small"
            status={done === tasks.length ? 'success' : 'active'}
            style={{ marginBottom: 8 }}
            data-testid="promo-creative-progress"
          />
        </Tooltip>
      )}
      <Table<PromotionCreativeTask>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={tasks}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('promotions.creative.empty')} />
          ),
        }}
        rowClassName={() => 'wh-row'}
        onRow={(x) =>
          ({
            onClick: () => open(x),
            onKeyDown: (e: React.KeyboardEvent) => {
              if (e.key === 'Enter') open(x);
            },
            tabIndex: 0,
            title: t('promotions.creative.open'),
            'data-testid': `promo-creative-${x.creativeKind ?? x.number}`,
          }) as never
        }
        columns={[
          {
            key: 'task',
            title: t('promotions.creative.task'),
            ellipsis: true,
            render: (_, x) => (
              <span>
                <Tag>
                  {x.creativeKind
                    ? t(`promotions.creative.kinds.${x.creativeKind}`)
                    : t(`tasks.types.${x.type}`, { defaultValue: x.type })}
                </Tag>
                <span className="num">{x.number}</span>
              </span>
            ),
          },
          {
            key: 'status',
            title: t('promotions.creative.status'),
            width: 90,
            render: (_, x) => (
              <Tag
                color={STATUS_COLOR[x.status]}
                data-testid={`promo-creative-status-${x.creativeKind ?? x.number}`}
              >
                {t(`tasks.status.${x.status}`)}
              </Tag>
            ),
          },
          {
            key: 'assignee',
            title: t('promotions.creative.assignee'),
            width: 110,
            ellipsis: true,
            render: (_, x) =>
              x.assigneeName ?? (
                <Typography.Text type="secondary">{t('promotions.creative.unassigned')}</Typography.Text>
              ),
          },
          {
            key: 'due',
            title: t('promotions.creative.due'),
            width: 170,
            render: (_, x) => (
              <span className="num" style={{ whiteSpace: 'nowrap' }}>
                {x.dueDate ?? '—'}
                {x.overdue && (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {t('promotions.creative.overdue')}
                  </Tag>
                )}
                {!x.overdue && x.status !== 'done' && x.priority !== 'normal' && (
                  <Tag color={PRIORITY_COLOR[x.priority]} style={{ marginLeft: 6 }}>
                    {t(`tasks.priority.${x.priority}`)}
                  </Tag>
                )}
              </span>
            ),
          },
        ]}
      />
      {openTask && (
        <TaskDrawer
          taskId={openTask}
          onClose={() => {
            setOpenTask(null);
            void reload();
          }}
          onChanged={() => void reload()}
          onCreated={(id) => setOpenTask(id)}
        />
      )}
      <CreativeTaskView task={viewing} onClose={() => setViewing(null)} />
      {editingLead && <CreativeLeadModal onClose={() => setEditingLead(false)} />}
    </Card>
  );
}

/** What a CS person sees of a design task: read only. */
function CreativeTaskView({ task, onClose }: { task: PromotionCreativeTask | null; onClose(): void }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  return (
    <Modal
      open={!!task}
      title={task ? t('promotions.creative.viewTitle', { number: task.number }) : ''}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} data-testid="promo-creative-view-close">
          {t('common.close')}
        </Button>
      }
      width={560}
      destroyOnHidden
    >
      {task && (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="promo-creative-view">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('promotions.creative.task')} span={2}>
              {task.title}
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.creative.status')}>
              <Tag color={STATUS_COLOR[task.status]}>{t(`tasks.status.${task.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.creative.priority')}>
              <Tag color={PRIORITY_COLOR[task.priority]}>{t(`tasks.priority.${task.priority}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.creative.assignee')}>
              {task.assigneeName ?? t('promotions.creative.unassigned')}
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.creative.requester')}>
              {task.requesterName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.creative.due')}>
              <span className="num">{task.dueDate ?? '—'}</span>
              {task.overdue && (
                <Tag color="red" style={{ marginLeft: 6 }}>
                  {t('promotions.creative.overdue')}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.creative.revisions')}>
              {task.revisionCount}
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.creative.completedAt')} span={2}>
              {formatDateTime(task.completedAt, timeZone) || '—'}
            </Descriptions.Item>
          </Descriptions>
          <Alert type="info" showIcon title={t('promotions.creative.viewHint')} />
        </Space>
      )}
    </Modal>
  );
}

/** The art supervisor's lead days per kind. */
function CreativeLeadModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreativeLead>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.art
      .creativeLeadGet({})
      .then((v) => form.setFieldsValue(v))
      .catch((e: unknown) => reportError(e));
  }, [form]);
  async function save(v: CreativeLead) {
    setBusy(true);
    try {
      await api.art.creativeLeadSave(v);
      ui().message.success(t('promotions.creative.leadSaved'));
      onClose();
    } catch (e) {
      reportError(e, { form });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={t('promotions.creative.leadTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'promo-lead-save' } as never}
    >
      <Typography.Paragraph type="secondary">{t('promotions.creative.leadHint')}</Typography.Paragraph>
      <Form<CreativeLead> form={form} layout="horizontal" labelCol={{ span: 6 }} onFinish={save}>
        {CREATIVE_KINDS.map((k) => (
          <Form.Item
            key={k}
            name={k}
            label={t(`promotions.creative.kinds.${k}`)}
            rules={[{ required: true }]}
          >
            <InputNumber
              min={0}
              max={60}
              precision={0}
              addonAfter={t('promotions.creative.days')}
              data-testid={`promo-lead-${k}`}
            />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
