import { DatePicker, Select, Table, Tag, Typography, type TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow, StaffPublic } from '../../../../src-main/api/contract';
import { ROLES } from '../../../../src-main/api/permissions';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText } from '../../api';
import { tDynamic } from '../../i18n';
import { formatDateTime, startOfDayInZone } from '../../lib/time';
import { useSession } from '../../stores/session';
import { serverPagination } from '../../components/pagination';

const ENTITIES = ['product', 'sku', 'import', 'staff', 'shop'] as const;

interface Query {
  staffId?: string;
  entity: string;
  range: [Dayjs, Dayjs] | null;
  offset: number;
  limit: number;
}

/** 操作日志: who changed what, when (in the shop's time zone), with the fields before and after. */
export function AuditPage() {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const [people, setPeople] = useState<(StaffPublic & { active: boolean })[]>([]);
  const [query, setQuery] = useState<Query>({ entity: '', range: null, offset: 0, limit: 50 });
  /** The last answer, tagged with the query it answers: loading while they differ. */
  const [answer, setAnswer] = useState<{
    for: unknown;
    rows: AuditRow[];
    total: number;
    error: string | null;
  }>({
    for: null,
    rows: [],
    total: 0,
    error: null,
  });
  const loading = answer.for !== query;
  const { rows, total, error } = answer;

  useEffect(() => {
    // Everyone who ever had an account, deactivated people included.
    api.audit
      .people({})
      .then(setPeople)
      .catch(() => setPeople([]));
  }, []);

  const load = useCallback(async () => {
    try {
      const range = query.range;
      const from = range
        ? startOfDayInZone(range[0].year(), range[0].month() + 1, range[0].date(), timeZone)
        : null;
      const end = range ? range[1].add(1, 'day') : null;
      const to = end ? startOfDayInZone(end.year(), end.month() + 1, end.date(), timeZone) : null;
      const page = await api.audit.list({
        entity: query.entity,
        ...(query.staffId ? { staffId: query.staffId } : {}),
        ...(from ? { from: from.toISOString() } : {}),
        ...(to ? { to: to.toISOString() } : {}),
        offset: query.offset,
        limit: query.limit,
      });
      setAnswer({ for: query, rows: page.rows, total: page.total, error: null });
    } catch (e) {
      setAnswer((a) => ({ ...a, for: query, error: errorText(e) }));
    }
  }, [query, timeZone]);

  useEffect(() => {
    void load();
  }, [load]);

  // Records and actions of modules newer than this screen get a generic name, never a raw code.
  const entityName = (e: string) => tDynamic(`audit.entities.${e}`, undefined, t('audit.otherEntity'));
  const opName = (o: string) => tDynamic(`audit.ops.${o}`, undefined, t('audit.otherOp'));

  const fieldName = (entity: string, f: string) =>
    tDynamic(`audit.${entity}Fields.${f}`, undefined, tDynamic(`audit.fields.${f}`, undefined, f));

  function value(field: string, v: unknown): string {
    if (v === null || v === undefined || v === '') return t('common.empty');
    if (field === 'pin') return t('audit.values.pinChanged');
    if (field === 'role' && typeof v === 'string' && (ROLES as readonly string[]).includes(v))
      return tDynamic(`roles.${v}`, undefined, v);
    if (typeof v === 'boolean') {
      if (field === 'active') return v ? t('audit.values.activeTrue') : t('audit.values.activeFalse');
      if (field === 'listed') return v ? t('audit.values.listedTrue') : t('audit.values.listedFalse');
      if (field === 'archived') return v ? t('audit.values.archivedTrue') : t('audit.values.archivedFalse');
      return v ? t('common.yes') : t('common.no');
    }
    if (/Fen$/.test(field) && typeof v === 'number') return `¥${formatYuan(v)}`;
    if (field === 'timeZone' && typeof v === 'string') return tDynamic(`timeZones.${v}`, undefined, v);
    return String(v);
  }

  function changes(r: AuditRow) {
    const entries = Object.entries(r.fields);
    if (!entries.length) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
    return (
      <ul className="audit-changes">
        {entries.map(([f, { from, to }]) => (
          <li key={f}>
            <span className="audit-changes__field">{fieldName(r.entity, f)}</span>
            {t('import.fieldSep')}
            {from === null || from === undefined ? (
              <span className="audit-changes__to">{value(f, to)}</span>
            ) : (
              <>
                <span className="audit-changes__from">{value(f, from)}</span>
                <span className="audit-changes__arrow" aria-label={t('audit.changedTo')}>
                  {' → '}
                </span>
                <span className="audit-changes__to">{value(f, to)}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    );
  }

  const columns: TableProps<AuditRow>['columns'] = [
    {
      key: 'at',
      dataIndex: 'at',
      title: t('audit.time'),
      width: 170,
      render: (v: string) => <span className="num">{formatDateTime(v, timeZone, true)}</span>,
    },
    {
      key: 'person',
      dataIndex: 'staffName',
      title: t('audit.person'),
      width: 110,
      render: (v: string | null) =>
        v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      key: 'entity',
      dataIndex: 'entity',
      title: t('audit.entity'),
      width: 90,
      render: (v: string) => entityName(v),
    },
    {
      key: 'op',
      dataIndex: 'op',
      title: t('audit.op'),
      width: 96,
      render: (v: string) => <Tag color={OP_COLOR[v] ?? 'default'}>{opName(v)}</Tag>,
    },
    { key: 'label', dataIndex: 'label', title: t('audit.label'), width: 220, ellipsis: { showTitle: true } },
    { key: 'changes', title: t('audit.changes'), render: (_, r) => changes(r) },
  ];

  return (
    <div className="settings-page" data-testid="audit-page">
      <div className="toolbar">
        <Select
          className="toolbar__select-wide"
          aria-label={t('audit.person')}
          data-testid="audit-filter-person"
          value={query.staffId ?? ''}
          onChange={(v: string) => setQuery((q) => ({ ...q, staffId: v || undefined, offset: 0 }))}
          showSearch={{ optionFilterProp: 'label' }}
          popupMatchSelectWidth={false}
          options={[
            { value: '', label: t('audit.allPeople') },
            ...people.map((p) => ({
              value: p.id,
              label: `${p.name}（${t(`roles.${p.role}`)}${p.active ? '' : ` · ${t('staff.inactive')}`}）`,
            })),
          ]}
        />
        <Select
          className="toolbar__select-wide"
          aria-label={t('audit.entity')}
          data-testid="audit-filter-entity"
          value={query.entity}
          onChange={(v: string) => setQuery((q) => ({ ...q, entity: v, offset: 0 }))}
          options={[
            { value: '', label: t('audit.allEntities') },
            ...ENTITIES.map((e) => ({ value: e, label: entityName(e) })),
          ]}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.dateRange')}
          data-testid="audit-filter-dates"
          value={query.range}
          placeholder={[t('audit.startDate'), t('audit.endDate')]}
          onChange={(v) =>
            setQuery((q) => ({ ...q, range: v && v[0] && v[1] ? [v[0], v[1]] : null, offset: 0 }))
          }
          allowEmpty={[false, false]}
        />
      </div>
      {error && (
        <Typography.Text type="danger" role="alert">
          {error}
        </Typography.Text>
      )}
      <Table<AuditRow>
        data-testid="audit-table"
        size="middle"
        rowKey="seq"
        columns={columns}
        dataSource={rows}
        loading={loading}
        scroll={{ x: 960 }}
        locale={{ emptyText: t('audit.empty') }}
        pagination={serverPagination(t, query.offset, query.limit, total, (offset, limit) =>
          setQuery((q) => ({ ...q, offset, limit })),
        )}
      />
    </div>
  );
}

const OP_COLOR: Record<string, string> = {
  create: 'blue',
  update: 'gold',
  archive: 'default',
  restore: 'cyan',
  deactivate: 'red',
  activate: 'green',
  pin: 'purple',
  import: 'geekblue',
};
