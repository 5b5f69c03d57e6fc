import { CopyOutlined, LeftOutlined, RightOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RotaCell, RotaWeek, StaffPublic, Team } from '../../../../src-main/api/contract';
import { api, errorText, reportError, ui } from '../../api';
import { useSession } from '../../stores/session';
import { addDays, mondayOf, todayIn } from './dates';
import { ROTA_EVENT } from './ClockWidget';

/** What a cell holds in the editor: a template id, 'rest' (休息) or 'none' (未排班). */
type CellValue = string;
const key = (staffId: string, date: string) => `${staffId}|${date}`;
const valueOf = (c: RotaCell | undefined): CellValue =>
  !c ? 'none' : c.kind === 'rest' ? 'rest' : (c.templateId ?? 'none');

/** 排班表: a team's week, Monday to Sunday × its people; the supervisor assigns shifts or 休息. */
export function RotaWeekView({ team }: { team: Team }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const staffId = useSession((s) => s.session?.staff.id);
  const today = todayIn(timeZone);
  const [weekStart, setWeekStart] = useState(() => mondayOf(today));
  const [week, setWeek] = useState<RotaWeek | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [edits, setEdits] = useState<Map<string, CellValue>>(new Map());
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      api.rota.week({ team, weekStart }).then(
        (next) => {
          setWeek(next);
          setEdits(new Map());
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [team, weekStart],
  );

  useEffect(() => {
    void load();
  }, [load, staffId]);

  const cells = useMemo(() => new Map((week?.cells ?? []).map((c) => [key(c.staffId, c.date), c])), [week]);
  const changed = [...edits].filter(([k, v]) => valueOf(cells.get(k)) !== v);

  const options = useMemo(() => {
    const list = (week?.templates ?? []).map((tpl) => ({
      value: tpl.id,
      label: `${tpl.name} ${tpl.start}–${tpl.end}`,
    }));
    // A shift assigned before its template was retired still shows by name.
    for (const c of week?.cells ?? []) {
      if (c.templateId && !list.some((o) => o.value === c.templateId))
        list.push({ value: c.templateId, label: `${c.name} ${c.start}–${c.end}` });
    }
    return [...list, { value: 'rest', label: t('rota.rest') }, { value: 'none', label: t('rota.none') }];
  }, [week, t]);

  function go(days: number) {
    if (changed.length && !window.confirm(t('common.discardBody'))) return;
    setWeekStart((w) => addDays(w, days));
  }

  async function save() {
    if (!week) return;
    setBusy(true);
    try {
      const next = await api.rota.saveWeek({
        team,
        weekStart,
        cells: changed.map(([k, v]) => {
          const [sid, date] = k.split('|') as [string, string];
          return v === 'rest' || v === 'none'
            ? { staffId: sid, date, kind: v }
            : { staffId: sid, date, kind: 'shift' as const, templateId: v };
        }),
      });
      setWeek(next);
      setEdits(new Map());
      ui().message.success(t('rota.saved'));
      window.dispatchEvent(new Event(ROTA_EVENT));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  function copy() {
    ui().modal.confirm({
      title: t('rota.copyTitle'),
      content: t('rota.copyBody', { team: t(`rota.teams.${team}`) }),
      okText: t('rota.copyOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'rota-copy-confirm' } as never,
      onOk: async () => {
        try {
          setWeek(await api.rota.copyWeek({ team, weekStart }));
          window.dispatchEvent(new Event(ROTA_EVENT));
          setEdits(new Map());
          ui().message.success(t('rota.copied'));
        } catch (e) {
          reportError(e);
        }
      },
    });
  }

  const dates = week?.dates ?? Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const columns: TableProps<StaffPublic>['columns'] = [
    {
      key: 'person',
      title: t('rota.person'),
      fixed: 'left',
      width: 130,
      render: (_: unknown, p) => (
        <span className="rota-person">
          <span className="rota-person__name">{p.name}</span>
          <Typography.Text type="secondary" className="rota-person__role">
            {t(`roles.${p.role}`)}
          </Typography.Text>
        </span>
      ),
    },
    ...dates.map((date, i) => ({
      key: date,
      title: (
        <span className={date === today ? 'rota-day rota-day--today' : 'rota-day'}>
          {t(`rota.weekdays.d${i + 1}` as 'rota.weekdays.d1')}
          <span className="rota-day__date">{date.slice(5)}</span>
          {date === today && <Tag color="blue">{t('rota.today')}</Tag>}
        </span>
      ),
      width: 150,
      onCell: () => ({ className: date === today ? 'rota-cell--today' : '' }),
      render: (_: unknown, p: StaffPublic) => {
        const k = key(p.id, date);
        const cell = cells.get(k);
        const value = edits.get(k) ?? valueOf(cell);
        if (week?.canManage) {
          return (
            <Select
              size="small"
              className={`rota-select rota-select--${value === 'rest' ? 'rest' : value === 'none' ? 'none' : 'shift'}${edits.has(k) && value !== valueOf(cell) ? ' rota-select--changed' : ''}`}
              value={value}
              options={options}
              popupMatchSelectWidth={false}
              labelRender={({ label }) => {
                // "白班 09:00–18:00": the name, then the time in small print, so it fits the cell.
                const text = String(label ?? '');
                const space = text.indexOf(' ');
                return space < 0 ? (
                  text
                ) : (
                  <span className="rota-label">
                    <span className="rota-label__name">{text.slice(0, space)}</span>
                    <span className="rota-label__time">{text.slice(space + 1)}</span>
                  </span>
                );
              }}
              onChange={(v: string) => setEdits((m) => new Map(m).set(k, v))}
              aria-label={`${p.name} ${date}`}
              data-testid={`rota-cell-${p.name}-${date}`}
            />
          );
        }
        return (
          <span data-testid={`rota-cell-${p.name}-${date}`}>
            {!cell ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : cell.kind === 'rest' ? (
              <Tag>{t('rota.rest')}</Tag>
            ) : (
              <Tag color="geekblue">
                {cell.name} {cell.start}–{cell.end}
              </Tag>
            )}
          </span>
        );
      },
    })),
  ];

  return (
    <div className="wh-page staffing-page" data-testid={`rota-week-${team}`}>
      <div className="toolbar rota-toolbar">
        <Space.Compact>
          <Button icon={<LeftOutlined />} onClick={() => go(-7)} data-testid="rota-prev">
            {t('rota.prevWeek')}
          </Button>
          <Button onClick={() => go(daysTo(weekStart, mondayOf(today)))} data-testid="rota-this">
            {t('rota.thisWeek')}
          </Button>
          <Button onClick={() => go(7)} data-testid="rota-next">
            {t('rota.nextWeek')}
            <RightOutlined />
          </Button>
        </Space.Compact>
        <Typography.Text strong data-testid="rota-week-label">
          {t('rota.weekRange', { from: weekStart, to: addDays(weekStart, 6) })}
        </Typography.Text>
        <span className="toolbar__spacer" />
        {week?.canManage && (
          <>
            {changed.length > 0 && (
              <Typography.Text type="warning" data-testid="rota-unsaved">
                {t('rota.unsaved', { count: changed.length })}
              </Typography.Text>
            )}
            <Button icon={<UndoOutlined />} disabled={!changed.length} onClick={() => setEdits(new Map())}>
              {t('rota.discard')}
            </Button>
            <Button icon={<CopyOutlined />} onClick={copy} data-testid="rota-copy">
              {t('rota.copy')}
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!changed.length}
              loading={busy}
              onClick={() => void save()}
              data-testid="rota-save"
            >
              {t('rota.save')}
            </Button>
          </>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      {week && !week.canManage && (
        <Alert type="info" showIcon title={t('rota.readOnly')} style={{ marginBottom: 12 }} />
      )}
      <Table<StaffPublic>
        size="small"
        bordered
        rowKey="id"
        columns={columns}
        dataSource={week?.people ?? []}
        loading={!week && !error}
        pagination={false}
        scroll={{ x: 130 + 7 * 150 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rota.noPeople')} />,
        }}
        data-testid="rota-table"
      />
      <Typography.Paragraph type="secondary" className="rota-legend">
        {t('rota.legend')}
      </Typography.Paragraph>
    </div>
  );
}

function daysTo(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
