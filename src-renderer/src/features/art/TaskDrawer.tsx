// One design task: its fields (editable while not 已完成), the moves the person may make, the
// supervisor's review (通过 / 需修改 with a comment), deliverables from the image library, and the
// append-only history.
import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkuRow } from '../../../../src-main/api/contract';
import {
  TASK_MOVES,
  TASK_PRIORITIES,
  TASK_TYPES,
  type LibraryImageRow,
  type Task,
  type TaskPriority,
  type TaskStatus,
  type TaskType,
} from '../../../../src-main/api/contract-art';
import { can } from '../../../../src-main/api/permissions';
import type { StaffPublic } from '../../../../src-main/api/contract';
import { api, fieldsOf, isFailure, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { STATUS_COLOR } from './TasksPage';
import { TaskSamples } from '../samples/TaskSamples';
import { SamplesOverrideModal } from '../samples/SamplesOverrideModal';

interface FormValues {
  type: TaskType;
  title: string;
  brief: string;
  priority: TaskPriority;
  assigneeId: string | null;
  dueDate: Dayjs | null;
  skuIds: string[];
}

type MoveKey = 'start' | 'backToTodo' | 'submit' | 'resume' | 'resubmit';
const MOVE_KEY: Partial<Record<`${TaskStatus}>${TaskStatus}`, MoveKey>> = {
  'todo>doing': 'start',
  'doing>todo': 'backToTodo',
  'doing>review': 'submit',
  'rework>doing': 'resume',
  'rework>review': 'resubmit',
};

export function TaskDrawer({
  taskId,
  onClose,
  onChanged,
  onCreated,
}: {
  taskId: string | null;
  onClose(): void;
  onChanged(): void;
  onCreated(id: string): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const me = useSession((s) => s.session!.staff);
  const canReview = useCan('art.review');
  const inArtTeam = useCan('art.read');
  const canLibrary = useCan('art.library');
  const [task, setTask] = useState<Task | null>(null);
  const [form] = Form.useForm<FormValues>();
  const [people, setPeople] = useState<StaffPublic[]>([]);
  const [skuOptions, setSkuOptions] = useState<{ value: string; label: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [reviewing, setReviewing] = useState<'approve' | 'revise' | null>(null);
  const [comment, setComment] = useState('');
  const [picking, setPicking] = useState(false);
  // approving with samples still out asks the reviewer for a reason.
  const [samplesOut, setSamplesOut] = useState<number | null>(null);
  const isNew = taskId === null;

  useEffect(() => {
    if (!taskId) return;
    let live = true;
    api.art
      .taskGet({ id: taskId })
      .then((t0) => {
        if (!live) return;
        setTask(t0);
        setSkuOptions((o) =>
          mergeOptions(
            o,
            t0.skus.map((s) => ({ value: s.id, label: `${s.code} ${s.title}` })),
          ),
        );
        form.setFieldsValue({
          type: t0.type,
          title: t0.title,
          brief: t0.brief,
          priority: t0.priority,
          assigneeId: t0.assigneeId,
          dueDate: t0.dueDate ? dayjs(t0.dueDate) : null,
          skuIds: t0.skus.map((s) => s.id),
        });
      })
      .catch((e: unknown) => reportError(e));
    return () => {
      live = false;
    };
  }, [taskId, form]);

  useEffect(() => {
    api.auth
      .roster({})
      .then((r) => setPeople(r.filter((p) => can(p.role, 'art.read') && can(p.role, 'art.tasks'))))
      .catch(() => setPeople([]));
  }, []);

  const searchSkus = useRef<ReturnType<typeof setTimeout> | null>(null);
  function onSkuSearch(q: string) {
    if (searchSkus.current) clearTimeout(searchSkus.current);
    searchSkus.current = setTimeout(async () => {
      try {
        const page = await api.catalog.list({
          filter: { q: q.trim(), listed: 'all', status: 'active', category: '' },
          sort: { field: 'code', order: 'asc' },
          limit: 30,
        });
        setSkuOptions((o) => mergeOptions(o, page.rows.map(skuOption)));
      } catch {
        /* the select just shows what it has */
      }
    }, 200);
  }

  const editable =
    isNew ||
    (task !== null &&
      task.status !== 'done' &&
      (inArtTeam || (task.requesterId === me.id && task.status === 'todo')));

  async function save() {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const saved = await api.art.taskSave({
        ...(task ? { id: task.id, expectedVersion: task.version } : {}),
        type: v.type,
        title: v.title,
        brief: v.brief ?? '',
        priority: v.priority,
        assigneeId: v.assigneeId ?? null,
        dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
        skuIds: v.skuIds ?? [],
        promotionId: task?.promotionId ?? null,
      });
      ui().message.success(isNew ? t('tasks.created', { number: saved.number }) : t('tasks.saved'));
      onChanged();
      if (isNew) onCreated(saved.id);
      else setTask(saved);
    } catch (e) {
      reportError(e, {
        form,
        map: fieldsOf(['type', 'title', 'brief', 'priority', 'assigneeId', 'dueDate', 'skuIds']),
      });
    } finally {
      setBusy(false);
    }
  }

  async function move(to: TaskStatus) {
    if (!task) return;
    setBusy(true);
    try {
      setTask(await api.art.taskMove({ id: task.id, expectedVersion: task.version, to }));
      onChanged();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  async function review(samplesOverrideReason?: string) {
    if (!task || !reviewing) return;
    setBusy(true);
    try {
      setTask(
        await api.art.taskReview({
          id: task.id,
          expectedVersion: task.version,
          decision: reviewing,
          comment,
          ...(samplesOverrideReason ? { samplesOverrideReason } : {}),
        }),
      );
      setReviewing(null);
      setComment('');
      setSamplesOut(null);
      onChanged();
    } catch (e) {
      if (isFailure(e, 'CONFLICT', 'samplesOut')) setSamplesOut(Number(e.error.params?.count ?? 0));
      else reportError(e);
    } finally {
      setBusy(false);
    }
  }

  async function attach(ids: string[], detach = false) {
    if (!task || !ids.length) return;
    try {
      setTask(await api.art.taskAttach({ id: task.id, imageIds: ids, detach }));
      onChanged();
    } catch (e) {
      reportError(e);
    }
  }

  const moves = task && inArtTeam ? TASK_MOVES[task.status] : [];

  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={
        isNew ? (
          t('tasks.newTitle')
        ) : task ? (
          <Space>
            <span className="num">{task.number}</span>
            <Tag color={STATUS_COLOR[task.status]} data-testid="art-task-status">
              {t(`tasks.status.${task.status}`)}
            </Tag>
            {task.overdue && <Tag color="red">{t('tasks.overdueTag')}</Tag>}
          </Space>
        ) : (
          t('common.loading')
        )
      }
      extra={
        editable && (
          <Button type="primary" onClick={save} loading={busy} data-testid="art-task-save">
            {isNew ? t('tasks.create') : t('common.save')}
          </Button>
        )
      }
      data-testid="art-task-drawer"
    >
      {task && (moves.length > 0 || (canReview && task.status === 'review')) && (
        <div className="art-actions">
          {moves.map((to) => (
            <Button
              key={to}
              type={to === 'review' || to === 'doing' ? 'primary' : 'default'}
              onClick={() => void move(to)}
              disabled={busy}
              data-testid={`art-move-${to}`}
            >
              {t(`tasks.moves.${MOVE_KEY[`${task.status}>${to}`] ?? 'start'}`)}
            </Button>
          ))}
          {canReview && task.status === 'review' && (
            <>
              <Button type="primary" onClick={() => setReviewing('approve')} data-testid="art-review-approve">
                {t('tasks.approve')}
              </Button>
              <Button danger onClick={() => setReviewing('revise')} data-testid="art-review-revise">
                {t('tasks.revise')}
              </Button>
            </>
          )}
        </div>
      )}
      {task && task.status === 'rework' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('tasks.reworkNote')}
          description={[...task.events].reverse().find((e) => e.kind === 'revise')?.comment}
          data-testid="art-rework-note"
        />
      )}
      {task?.promotion && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="art-task-promotion"
          title={
            <span>
              <Typography.Text strong>{t('art.campaign.label')}</Typography.Text>{' '}
              {t('art.campaign.line', {
                name: task.promotion.name,
                number: task.promotion.number,
                from: task.promotion.startDate,
                to: task.promotion.endDate,
              })}
            </span>
          }
          description={
            task.creativeKind
              ? t('art.campaign.kind', { kind: t(`promotions.creative.kinds.${task.creativeKind}`) })
              : undefined
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{
          type: 'shoot',
          priority: 'normal',
          brief: '',
          skuIds: [],
          assigneeId: null,
          dueDate: null,
        }}
      >
        <div className="art-form-row">
          <Form.Item name="type" label={t('tasks.field.type')} rules={[{ required: true }]}>
            <Select
              options={TASK_TYPES.map((k) => ({ value: k, label: t(`tasks.types.${k}`) }))}
              data-testid="art-task-type"
            />
          </Form.Item>
          <Form.Item name="priority" label={t('tasks.field.priority')}>
            <Select options={TASK_PRIORITIES.map((k) => ({ value: k, label: t(`tasks.priority.${k}`) }))} />
          </Form.Item>
          <Form.Item name="dueDate" label={t('tasks.field.dueDate')}>
            <DatePicker style={{ width: '100%' }} data-testid="art-task-due" />
          </Form.Item>
        </div>
        <Form.Item
          name="title"
          label={t('tasks.field.title')}
          rules={[{ required: true, whitespace: true, message: t('errors.validation.required') }]}
        >
          <Input maxLength={120} placeholder={t('tasks.titlePlaceholder')} data-testid="art-task-title" />
        </Form.Item>
        <Form.Item name="skuIds" label={t('tasks.field.skus')}>
          <Select
            mode="multiple"
            showSearch={{ filterOption: false, onSearch: onSkuSearch }}
            onOpenChange={(o) => o && onSkuSearch('')}
            options={skuOptions}
            placeholder={t('tasks.skuPlaceholder')}
            data-testid="art-task-skus"
          />
        </Form.Item>
        <div className="art-form-row">
          <Form.Item name="assigneeId" label={t('tasks.field.assignee')}>
            <Select
              allowClear
              disabled={!inArtTeam}
              placeholder={t('tasks.unassigned')}
              options={people.map((p) => ({ value: p.id, label: `${p.name}（${t(`roles.${p.role}`)}）` }))}
            />
          </Form.Item>
          {task && (
            <Form.Item label={t('tasks.field.requester')}>
              <Input value={task.requesterName ?? ''} disabled />
            </Form.Item>
          )}
        </div>
        <Form.Item name="brief" label={t('tasks.field.brief')}>
          <Input.TextArea rows={3} maxLength={4000} placeholder={t('tasks.briefPlaceholder')} />
        </Form.Item>
      </Form>

      {task && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('tasks.field.revisions')}>
              <span data-testid="art-task-revisions">{task.revisionCount}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('tasks.field.createdAt')}>
              {formatDateTime(task.createdAt, timeZone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('tasks.field.completedAt')}>
              {formatDateTime(task.completedAt, timeZone) || '—'}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>
            {t('tasks.deliverables')}
            {canLibrary && task.status !== 'done' && (
              <Button
                size="small"
                icon={<PlusOutlined />}
                style={{ marginLeft: 12 }}
                onClick={() => setPicking(true)}
                data-testid="art-task-attach"
              >
                {t('tasks.attach')}
              </Button>
            )}
          </Typography.Title>
          {task.deliverables.length ? (
            <div className="art-deliverables" data-testid="art-deliverables">
              {task.deliverables.map((d) => (
                <figure key={d.id} className="art-deliverable">
                  <img src={d.thumbUrl} alt={d.fileName} loading="lazy" />
                  <figcaption title={d.fileName}>{d.fileName}</figcaption>
                  {canLibrary && task.status !== 'done' && (
                    <Button size="small" type="link" onClick={() => void attach([d.id], true)}>
                      {t('tasks.detach')}
                    </Button>
                  )}
                </figure>
              ))}
            </div>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.noDeliverables')} />
          )}
          <TaskSamples task={task} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('tasks.history')}
          </Typography.Title>
          <Timeline
            data-testid="art-task-history"
            items={task.events.map((e) => ({
              color: e.kind === 'revise' ? 'red' : e.kind === 'approve' ? 'green' : 'blue',
              content: (
                <div>
                  <Typography.Text strong>{e.staffName ?? '—'}</Typography.Text>{' '}
                  {t(`tasks.event.${e.kind}`, {
                    from: e.fromStatus ? t(`tasks.status.${e.fromStatus}`) : '',
                    to: e.toStatus ? t(`tasks.status.${e.toStatus}`) : '',
                  })}
                  <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                    {formatDateTime(e.at, timeZone)}
                  </Typography.Text>
                  {e.comment && <div className="art-comment">{e.comment}</div>}
                </div>
              ),
            }))}
          />
        </>
      )}

      <Modal
        open={reviewing !== null}
        title={reviewing === 'revise' ? t('tasks.reviseTitle') : t('tasks.approveTitle')}
        onCancel={() => setReviewing(null)}
        onOk={() => void review()}
        okText={reviewing === 'revise' ? t('tasks.revise') : t('tasks.approve')}
        okButtonProps={
          {
            danger: reviewing === 'revise',
            disabled: reviewing === 'revise' && !comment.trim(),
            'data-testid': 'art-review-ok',
          } as never
        }
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Input.TextArea
          rows={4}
          autoFocus
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={2000}
          placeholder={reviewing === 'revise' ? t('tasks.revisePlaceholder') : t('tasks.approvePlaceholder')}
          data-testid="art-review-comment"
        />
      </Modal>
      {samplesOut !== null && (
        <SamplesOverrideModal
          count={samplesOut}
          busy={busy}
          onCancel={() => setSamplesOut(null)}
          onOk={(reason) => void review(reason)}
        />
      )}
      {picking && task && (
        <DeliverablePicker
          skuIds={task.skus.map((s) => s.id)}
          exclude={task.deliverables.map((d) => d.id)}
          onClose={() => setPicking(false)}
          onPick={(ids) => {
            setPicking(false);
            void attach(ids);
          }}
        />
      )}
    </Drawer>
  );
}

function skuOption(r: SkuRow) {
  return { value: r.skuId, label: `${r.code} ${r.title}${r.spec ? ` · ${r.spec}` : ''}` };
}
function mergeOptions<T extends { value: string }>(a: T[], b: T[]): T[] {
  const seen = new Set(a.map((x) => x.value));
  return [...a, ...b.filter((x) => !seen.has(x.value))];
}

/** Library images linked to the task's SKUs (or all, by name), to attach as deliverables. */
function DeliverablePicker({
  skuIds,
  exclude,
  onClose,
  onPick,
}: {
  skuIds: string[];
  exclude: string[];
  onClose(): void;
  onPick(ids: string[]): void;
}) {
  const { t } = useTranslation();
  const [onlySkus, setOnlySkus] = useState(skuIds.length > 0);
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<LibraryImageRow[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const lists = onlySkus
          ? await Promise.all(
              skuIds.map((skuId) => api.art.libraryList({ filter: { q, skuId }, limit: 200 })),
            )
          : [await api.art.libraryList({ filter: { q }, limit: 200 })];
        const seen = new Set<string>();
        const all = lists.flatMap((l) => l.rows).filter((r) => !seen.has(r.id) && !!seen.add(r.id));
        if (live) setRows(all.filter((r) => !exclude.includes(r.id)));
      } catch (e) {
        reportError(e);
      }
    })();
    return () => {
      live = false;
    };
  }, [onlySkus, q, skuIds, exclude]);

  return (
    <Modal
      open
      width={760}
      title={t('tasks.attachTitle')}
      onCancel={onClose}
      onOk={() => onPick(chosen)}
      okText={t('tasks.attachOk', { count: chosen.length })}
      okButtonProps={{ disabled: !chosen.length, 'data-testid': 'art-attach-ok' } as never}
      cancelText={t('common.cancel')}
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('library.searchPlaceholder')}
          onSearch={setQ}
          style={{ width: 260 }}
        />
        {skuIds.length > 0 && (
          <Select
            value={onlySkus ? 'skus' : 'all'}
            onChange={(v) => setOnlySkus(v === 'skus')}
            options={[
              { value: 'skus', label: t('tasks.attachOnlySkus') },
              { value: 'all', label: t('tasks.attachAll') },
            ]}
            style={{ width: 200 }}
          />
        )}
      </Space>
      {rows.length ? (
        <div className="art-picker">
          {rows.map((r) => {
            const on = chosen.includes(r.id);
            return (
              <button
                type="button"
                key={r.id}
                className={`art-picker__item${on ? ' art-picker__item--on' : ''}`}
                aria-pressed={on}
                onClick={() => setChosen((c) => (on ? c.filter((x) => x !== r.id) : [...c, r.id]))}
                data-testid={`art-pick-${r.fileName}`}
              >
                <img src={r.thumbUrl} alt={r.fileName} loading="lazy" />
                <span>{r.fileName}</span>
              </button>
            );
          })}
        </div>
      ) : (
        <Empty description={t('tasks.attachNone')} />
      )}
    </Modal>
  );
}
