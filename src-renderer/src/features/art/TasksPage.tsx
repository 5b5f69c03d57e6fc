// 设计任务: the board (待办 → 进行中 → 待审核 → 需修改 → 已完成) and a month calendar of due dates.
// Moves are checked again in main; a card opens the task drawer.
import {
  CalendarOutlined,
  DownloadOutlined,
  PlusOutlined,
  ProjectOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Calendar,
  Empty,
  Input,
  Segmented,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TASK_STATUSES,
  TASK_TYPES,
  type TaskRow,
  type TaskType,
} from '../../../../src-main/api/contract-art';
import { api, errorText } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { useDebounce } from '../../components/useDebounce';
import { useCan } from '../../stores/session';
import { TaskDrawer } from './TaskDrawer';

export const PRIORITY_COLOR = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' } as const;
export const STATUS_COLOR = {
  todo: 'default',
  doing: 'processing',
  review: 'warning',
  rework: 'error',
  done: 'success',
} as const;

export function TasksPage() {
  const { t } = useTranslation();
  const canCreate = useCan('art.tasks');
  const [view, setView] = useState<'board' | 'calendar'>('board');
  const [q, setQ] = useState('');
  const [text, setText] = useState('');
  const [type, setType] = useState<TaskType | undefined>();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [rows, setRows] = useState<TaskRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const [exporting, setExporting] = useState(false);
  const debounce = useDebounce(250);

  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    const filter =
      view === 'calendar'
        ? {
            q,
            type,
            dueFrom: month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD'),
            dueTo: month.endOf('month').add(7, 'day').format('YYYY-MM-DD'),
            includeOldDone: true,
          }
        : { q, type };
    api.art
      .tasksList({ filter, limit: 500 })
      .then((page) => {
        if (!live) return;
        setRows(page.rows);
        setError(null);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(errorText(e));
        setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [view, q, type, month, reloads]);

  const overdue = rows.filter((r) => r.overdue).length;

  return (
    <div className="wh-page art-page" data-testid="art-tasks">
      <div className="toolbar" role="search">
        <Input
          className="toolbar__search"
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          placeholder={t('tasks.searchPlaceholder')}
          aria-label={t('tasks.searchPlaceholder')}
          value={text}
          data-testid="art-task-search"
          onChange={(e) => {
            const v = e.target.value;
            setText(v);
            debounce.schedule(() => setQ(v.trim()));
          }}
        />
        <Select
          className="toolbar__select"
          allowClear
          placeholder={t('tasks.allTypes')}
          aria-label={t('tasks.field.type')}
          value={type}
          onChange={setType}
          options={TASK_TYPES.map((k) => ({ value: k, label: t(`tasks.types.${k}`) }))}
          style={{ width: 150 }}
        />
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'board' | 'calendar')}
          options={[
            { value: 'board', label: t('tasks.board'), icon: <ProjectOutlined /> },
            { value: 'calendar', label: t('tasks.calendar'), icon: <CalendarOutlined /> },
          ]}
          data-testid="art-task-view"
        />
        {overdue > 0 && (
          <Tag color="red" data-testid="art-overdue-count">
            {t('tasks.overdueCount', { count: overdue })}
          </Tag>
        )}
        <span className="toolbar__spacer" />
        <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)} data-testid="art-task-export">
          {t('tasks.exportCsv')}
        </Button>
        {canCreate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen('new')}
            data-testid="art-task-new"
          >
            {t('tasks.new')}
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {view === 'board' ? (
        <div className="art-board" aria-busy={loading}>
          {TASK_STATUSES.map((status) => {
            const col = rows.filter((r) => r.status === status);
            return (
              <section className="art-board__col" key={status} data-testid={`art-col-${status}`}>
                <header className="art-board__head">
                  <Badge status={STATUS_COLOR[status]} text={t(`tasks.status.${status}`)} />
                  <span className="art-board__count">{col.length}</span>
                </header>
                <div className="art-board__cards">
                  {col.map((r) => (
                    <TaskCard key={r.id} row={r} onOpen={() => setOpen(r.id)} />
                  ))}
                  {!col.length && <div className="art-board__empty">{t('tasks.emptyColumn')}</div>}
                </div>
              </section>
            );
          })}
        </div>
      ) : (
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => {
            if (info.source !== 'date') setMonth(d);
          }}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const due = rows.filter((r) => r.dueDate === d.format('YYYY-MM-DD'));
            return (
              <ul className="art-cal__list">
                {due.map((r) => (
                  <li key={r.id}>
                    <button
                      type="button"
                      className={`art-cal__item${r.overdue ? ' art-cal__item--overdue' : ''}${r.status === 'done' ? ' art-cal__item--done' : ''}`}
                      onClick={() => setOpen(r.id)}
                      title={`${r.number} ${r.title}`}
                      data-testid={`art-cal-${r.number}`}
                    >
                      {t(`tasks.types.${r.type}`)} · {r.title}
                    </button>
                  </li>
                ))}
              </ul>
            );
          }}
          data-testid="art-calendar"
        />
      )}
      {!loading && !rows.length && view === 'board' && !q && !type && (
        <Empty description={t('tasks.empty')} style={{ marginTop: 24 }} />
      )}
      {open && (
        <TaskDrawer
          taskId={open === 'new' ? null : open}
          onClose={() => setOpen(null)}
          onChanged={load}
          onCreated={(id) => setOpen(id)}
        />
      )}
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        title={t('tasks.exportCsv')}
        body={t('tasks.exportBody')}
        run={(encoding) => api.art.tasksExportCsv({ filter: { q, type, includeOldDone: true }, encoding })}
      />
    </div>
  );
}

function TaskCard({ row, onOpen }: { row: TaskRow; onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={`art-card${row.overdue ? ' art-card--overdue' : ''}`}
      onClick={onOpen}
      data-testid={`art-card-${row.number}`}
    >
      <div className="art-card__top">
        <Tag>{t(`tasks.types.${row.type}`)}</Tag>
        {row.priority !== 'normal' && (
          <Tag color={PRIORITY_COLOR[row.priority]}>{t(`tasks.priority.${row.priority}`)}</Tag>
        )}
        {row.revisionCount > 0 && (
          <Tooltip title={t('tasks.revisionsHint')}>
            <Tag color="magenta">{t('tasks.revisions', { count: row.revisionCount })}</Tag>
          </Tooltip>
        )}
      </div>
      <div className="art-card__title">{row.title}</div>
      {row.skuCodes.length > 0 && <div className="art-card__skus num">{row.skuCodes.join('、')}</div>}
      <Space size={8} className="art-card__meta" wrap>
        {row.dueDate && (
          <Typography.Text type={row.overdue ? 'danger' : 'secondary'} strong={row.overdue}>
            {row.overdue ? t('tasks.overdue', { date: row.dueDate }) : t('tasks.due', { date: row.dueDate })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">{row.assigneeName ?? t('tasks.unassigned')}</Typography.Text>
        {row.deliverableCount > 0 && (
          <Typography.Text type="secondary">
            {t('tasks.deliverableCount', { count: row.deliverableCount })}
          </Typography.Text>
        )}
      </Space>
      <div className="art-card__number num">{row.number}</div>
    </button>
  );
}
