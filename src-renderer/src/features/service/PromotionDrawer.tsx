import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Input,
  Popconfirm,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffPublic } from '../../../../src-main/api/contract';
import type {
  Promotion,
  PromotionFigures,
  PromotionResults,
  PromotionTask,
} from '../../../../src-main/api/contract-promotions';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { PromotionChecklistItemModal } from './PromotionChecklistItemModal';
import { PromotionCreativeCard } from './PromotionCreative';
import { PromotionFormModal } from './PromotionFormModal';

export const PHASE_COLOR = { upcoming: 'default', running: 'processing', ended: 'success' } as const;

/** "+25%" / "-10%" / "—" (nothing before). */
function change(now: number, before: number): string {
  if (!before) return '—';
  const pct = Math.round(((now - before) / before) * 1000) / 10;
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

/** One campaign: its facts, the execution checklist, results against the days before, the summary. */
export function PromotionDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const me = useSession((s) => s.session?.staff.id);
  const canPlan = useCan('promotions.write');
  const [p, setP] = useState<Promotion | null>(null);
  const [results, setResults] = useState<PromotionResults | null>(null);
  const [people, setPeople] = useState<StaffPublic[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [task, setTask] = useState<{ title: string; ownerId?: string; due: Dayjs | null }>({
    title: '',
    due: null,
  });
  const [summary, setSummary] = useState('');
  const [editingItem, setEditingItem] = useState<PromotionTask | null>(null);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    if (!id) return;
    let live = true;
    Promise.all([api.promotions.get({ id }), api.promotions.results({ id })])
      .then(([x, r]) => {
        if (!live) return;
        setP(x);
        setResults(r);
        setSummary(x.summary);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    if (canPlan)
      api.auth
        .roster({})
        .then((r) => live && setPeople(r))
        .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id, canPlan]);

  async function apply(next: Promise<Promotion>, message: string) {
    try {
      const x = await next;
      setP(x);
      setResults(await api.promotions.results({ id: x.id }));
      ui().message.success(message);
      onChanged();
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  }
  async function addTask() {
    if (!p || !task.title.trim() || !task.ownerId || !task.due) return;
    const ok = await apply(
      api.promotions.addTask({
        promotionId: p.id,
        title: task.title.trim(),
        ownerId: task.ownerId,
        dueDate: task.due.format('YYYY-MM-DD'),
      }),
      t('promotions.taskAdded'),
    );
    if (ok) setTask({ title: '', due: null });
  }

  const shown = p && p.id === id ? p : null;
  const figures = (label: string, f: PromotionFigures, before?: PromotionFigures) => (
    <Space size={32}>
      <Typography.Text strong style={{ width: 64, display: 'inline-block' }}>
        {label}
      </Typography.Text>
      <Statistic
        title={t('promotions.orders')}
        value={f.orders}
        suffix={before?.orders ? <Tag>{change(f.orders, before.orders)}</Tag> : null}
      />
      <Statistic title={t('promotions.quantity')} value={f.quantity} />
      <Statistic
        title={t('promotions.revenue')}
        value={formatYuan(f.revenueFen)}
        prefix="¥"
        suffix={before?.revenueFen ? <Tag>{change(f.revenueFen, before.revenueFen)}</Tag> : null}
      />
    </Space>
  );
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      size={760}
      title={shown ? `${shown.name} · ${t(`promotions.phases.${shown.phase}`)}` : ''}
      extra={
        shown &&
        canPlan && (
          <Button onClick={() => setEditing(true)} data-testid="promo-edit">
            {t('promotions.edit')}
          </Button>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {shown && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('promotions.number')}>
              <span className="num">{shown.number}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.dates')}>
              <span className="num">
                {shown.startDate} ~ {shown.endDate}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.offer')} span={2}>
              {shown.offer || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('promotions.skus')} span={2}>
              {shown.skus.map((s) => (
                <Tag key={s.id} title={`${s.title}${s.spec ? `（${s.spec}）` : ''}`}>
                  {s.code}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>

          <Card
            size="small"
            title={`${t('promotions.checklist')} ${shown.tasksDone}/${shown.tasksTotal}`}
            data-testid="promo-checklist"
          >
            <Table<PromotionTask>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={shown.tasks}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('promotions.tasksEmpty')} />
                ),
              }}
              onRow={(x) => ({ 'data-testid': `promo-task-${x.title}` }) as never}
              columns={[
                {
                  key: 'done',
                  width: 40,
                  render: (_, x) => (
                    <Checkbox
                      checked={!!x.doneAt}
                      disabled={!canPlan && x.ownerId !== me}
                      aria-label={x.title}
                      data-testid={`promo-tick-${x.title}`}
                      onChange={(e) =>
                        void apply(
                          api.promotions.tickTask({ taskId: x.id, done: e.target.checked }),
                          e.target.checked ? t('promotions.ticked') : t('promotions.unticked'),
                        )
                      }
                    />
                  ),
                },
                { key: 'title', title: t('promotions.task'), render: (_, x) => x.title },
                { key: 'owner', title: t('promotions.owner'), width: 90, render: (_, x) => x.ownerName },
                {
                  key: 'due',
                  title: t('promotions.dueDate'),
                  width: 150,
                  render: (_, x) => (
                    <span className="num">
                      {x.dueDate}
                      {x.overdue && (
                        <Tag color="red" style={{ marginLeft: 6 }}>
                          {t('promotions.overdue')}
                        </Tag>
                      )}
                    </span>
                  ),
                },
                {
                  key: 'doneBy',
                  title: t('promotions.doneBy'),
                  width: canPlan ? 170 : 200,
                  render: (_, x) =>
                    x.doneAt ? (
                      <span className="num" style={{ whiteSpace: 'nowrap' }}>
                        {x.doneByName} · {formatDateTime(x.doneAt, timeZone)}
                      </span>
                    ) : (
                      <Typography.Text type="secondary">{t('promotions.notDone')}</Typography.Text>
                    ),
                },
                ...(canPlan
                  ? [
                      {
                        key: 'actions',
                        title: t('promotions.actions'),
                        width: 112,
                        render: (_: unknown, x: PromotionTask, i: number) => (
                          <Space size={0}>
                            <Tooltip title={t('promotions.moveUp')}>
                              <Button
                                size="small"
                                type="text"
                                icon={<ArrowUpOutlined />}
                                aria-label={t('promotions.moveUp')}
                                disabled={i === 0}
                                onClick={() =>
                                  void apply(
                                    api.promotions.moveTask({ taskId: x.id, direction: 'up' }),
                                    t('promotions.moveUp'),
                                  )
                                }
                                data-testid={`promo-item-up-${x.title}`}
                              />
                            </Tooltip>
                            <Tooltip title={t('promotions.moveDown')}>
                              <Button
                                size="small"
                                type="text"
                                icon={<ArrowDownOutlined />}
                                aria-label={t('promotions.moveDown')}
                                disabled={i === shown.tasks.length - 1}
                                onClick={() =>
                                  void apply(
                                    api.promotions.moveTask({ taskId: x.id, direction: 'down' }),
                                    t('promotions.moveDown'),
                                  )
                                }
                                data-testid={`promo-item-down-${x.title}`}
                              />
                            </Tooltip>
                            <Tooltip title={x.doneAt ? t('promotions.doneLocked') : t('promotions.editTask')}>
                              <Button
                                size="small"
                                type="text"
                                icon={<EditOutlined />}
                                aria-label={t('promotions.editTask')}
                                disabled={!!x.doneAt}
                                onClick={() => setEditingItem(x)}
                                data-testid={`promo-item-edit-${x.title}`}
                              />
                            </Tooltip>
                            <Popconfirm
                              title={t('promotions.removeTaskConfirm', { title: x.title })}
                              okText={t('promotions.removeTask')}
                              cancelText={t('common.cancel')}
                              okButtonProps={{ danger: true, 'data-testid': 'promo-item-remove-ok' } as never}
                              disabled={!!x.doneAt}
                              onConfirm={() =>
                                void apply(
                                  api.promotions.removeTask({ taskId: x.id }),
                                  t('promotions.taskRemoved'),
                                )
                              }
                            >
                              <Tooltip
                                title={x.doneAt ? t('promotions.doneLocked') : t('promotions.removeTask')}
                              >
                                <Button
                                  size="small"
                                  type="text"
                                  danger
                                  icon={<DeleteOutlined />}
                                  aria-label={t('promotions.removeTask')}
                                  disabled={!!x.doneAt}
                                  data-testid={`promo-item-remove-${x.title}`}
                                />
                              </Tooltip>
                            </Popconfirm>
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {canPlan && (
              <Space.Compact style={{ width: '100%', marginTop: 12 }}>
                <Input
                  value={task.title}
                  maxLength={100}
                  placeholder={t('promotions.taskPlaceholder')}
                  aria-label={t('promotions.task')}
                  onChange={(e) => setTask((x) => ({ ...x, title: e.target.value }))}
                  data-testid="promo-task-title"
                />
                <Select
                  style={{ width: 140 }}
                  placeholder={t('promotions.owner')}
                  value={task.ownerId}
                  onChange={(v: string) => setTask((x) => ({ ...x, ownerId: v }))}
                  options={people.map((x) => ({
                    value: x.id,
                    label: `${x.name}（${t(`roles.${x.role}`)}）`,
                  }))}
                  data-testid="promo-task-owner"
                  popupMatchSelectWidth={false}
                />
                <DatePicker
                  value={task.due}
                  placeholder={t('promotions.dueDate')}
                  style={{ width: 150, flex: 'none' }}
                  onChange={(d) => setTask((x) => ({ ...x, due: d }))}
                  data-testid="promo-task-due"
                />
                <Button onClick={addTask} data-testid="promo-task-add">
                  {t('promotions.addTask')}
                </Button>
              </Space.Compact>
            )}
          </Card>

          <PromotionCreativeCard
            promotion={shown}
            onChanged={(x) => {
              setP(x);
              onChanged();
            }}
          />

          {results && (
            <Card
              size="small"
              title={t('promotions.results')}
              data-testid="promo-results"
              extra={
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => setExporting(true)}
                  data-testid="promo-results-export"
                >
                  {t('promotions.exportResults')}
                </Button>
              }
            >
              <Typography.Paragraph type="secondary">
                {t('promotions.resultsHint', {
                  from: results.window.from,
                  to: results.window.to,
                  days: results.window.days,
                  beforeFrom: results.before.from,
                  beforeTo: results.before.to,
                })}
                {results.partial && ` ${t('promotions.partial')}`}
              </Typography.Paragraph>
              <Space orientation="vertical" size={8}>
                {figures(t('promotions.during'), results.during, results.previous)}
                {figures(t('promotions.previous'), results.previous)}
              </Space>
              <Table
                style={{ marginTop: 12 }}
                size="small"
                rowKey="skuId"
                pagination={false}
                dataSource={results.bySku}
                columns={[
                  {
                    key: 'sku',
                    title: t('promotions.bySku'),
                    ellipsis: true,
                    render: (_, s) => (
                      <span>
                        <span className="num">{s.code}</span>{' '}
                        <Typography.Text type="secondary">{s.title}</Typography.Text>
                      </span>
                    ),
                  },
                  {
                    key: 'o',
                    title: `${t('promotions.orders')}（${t('promotions.during')} / ${t('promotions.previous')}）`,
                    width: 210,
                    align: 'right',
                    render: (_, s) => `${s.during.orders} / ${s.previous.orders}`,
                  },
                  {
                    key: 'r',
                    title: `${t('promotions.revenue')}（${t('promotions.during')} / ${t('promotions.previous')}）`,
                    width: 220,
                    align: 'right',
                    render: (_, s) => (
                      <span className="num">
                        ¥{formatYuan(s.during.revenueFen)} / ¥{formatYuan(s.previous.revenueFen)}
                      </span>
                    ),
                  },
                ]}
              />
            </Card>
          )}

          <Card size="small" title={t('promotions.summary')} data-testid="promo-summary">
            {canPlan && shown.phase === 'ended' ? (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input.TextArea
                  rows={3}
                  maxLength={2000}
                  value={summary}
                  placeholder={t('promotions.summaryPlaceholder')}
                  onChange={(e) => setSummary(e.target.value)}
                  data-testid="promo-summary-text"
                />
                <Button
                  type="primary"
                  disabled={!summary.trim()}
                  onClick={() =>
                    void apply(
                      api.promotions.saveSummary({ id: shown.id, summary: summary.trim() }),
                      t('promotions.summarySaved'),
                    )
                  }
                  data-testid="promo-summary-save"
                >
                  {t('promotions.summarySave')}
                </Button>
              </Space>
            ) : shown.summary ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{shown.summary}</Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">
                {shown.phase === 'ended' ? t('promotions.noSummary') : t('promotions.summaryLocked')}
              </Typography.Text>
            )}
            {shown.summaryAt && (
              <Typography.Text type="secondary">
                {t('promotions.summaryBy', {
                  name: shown.summaryByName ?? '',
                  at: formatDateTime(shown.summaryAt, timeZone),
                })}
              </Typography.Text>
            )}
          </Card>
        </Space>
      )}
      <PromotionChecklistItemModal
        item={editingItem}
        people={people}
        onClose={() => setEditingItem(null)}
        onDone={(x) => {
          setP(x);
          onChanged();
        }}
      />
      {shown && (
        <CsvExportDialog
          open={exporting}
          onClose={() => setExporting(false)}
          title={t('promotions.exportResults')}
          body={t('promotions.exportResultsBody')}
          run={(encoding) => api.promotions.resultsExportCsv({ id: shown.id, encoding })}
        />
      )}
      <PromotionFormModal
        open={editing}
        editing={shown}
        onClose={() => setEditing(false)}
        onDone={(x) => {
          setP(x);
          void api.promotions.results({ id: x.id }).then(setResults);
          onChanged();
        }}
      />
    </Drawer>
  );
}
