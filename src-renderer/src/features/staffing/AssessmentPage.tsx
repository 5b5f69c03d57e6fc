import { DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  DatePicker,
  Empty,
  Input,
  InputNumber,
  Table,
  Typography,
  type TableProps,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentMonth, AssessmentRow } from '../../../../src-main/api/contract';
import { api, errorText, reportError, ui } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { tDynamic } from '../../i18n';
import { useSession } from '../../stores/session';
import './staffing.css';
import { todayIn } from './dates';

type Draft = { score: number | null; comment: string };

/**
 * Which team's assessment: the warehouse's (assessment.*) or the art team's (art.assessment*,
 * measures under art.assessment.measures; scoring needs art.assess, designers see their own row).
 */
export type AssessmentKind = 'warehouse' | 'art';
const SOURCES = {
  warehouse: {
    month: (i: { month: string }) => api.assessment.month(i),
    saveScore: (i: Parameters<typeof api.assessment.saveScore>[0]) => api.assessment.saveScore(i),
    exportCsv: (i: Parameters<typeof api.assessment.exportCsv>[0]) => api.assessment.exportCsv(i),
    measures: 'assessment.measures',
    hint: 'assessment.hint',
    empty: 'assessment.empty',
    scorePerm: 'assessment.manage',
  },
  art: {
    month: (i: { month: string }) => api.art.assessmentMonth(i),
    saveScore: (i: Parameters<typeof api.art.assessmentSave>[0]) => api.art.assessmentSave(i),
    exportCsv: (i: Parameters<typeof api.art.assessmentExportCsv>[0]) => api.art.assessmentExportCsv(i),
    measures: 'art.assessment.measures',
    hint: 'art.assessment.hint',
    empty: 'art.assessment.empty',
    scorePerm: 'art.assess',
  },
} as const;

/** 月度考核: a team's measures for a month, and the supervisor's score and comments. */
export function AssessmentPage({ kind = 'warehouse' }: { kind?: AssessmentKind }) {
  const { t } = useTranslation();
  const source = SOURCES[kind];
  const canScore = useSession((s) => !!s.session?.permissions.includes(source.scorePerm));
  const timeZone = useSession((s) => s.timeZone);
  const [month, setMonth] = useState(() => todayIn(timeZone).slice(0, 7));
  const [data, setData] = useState<AssessmentMonth | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Map<string, Draft>>(new Map());
  const [saving, setSaving] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const load = useCallback(
    () =>
      source.month({ month }).then(
        (next) => {
          setData(next);
          setDrafts(new Map());
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [month, source],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const draftOf = (r: AssessmentRow): Draft =>
    drafts.get(r.staffId) ?? { score: r.score, comment: r.comment };
  const dirty = (r: AssessmentRow) => {
    const d = draftOf(r);
    return d.score !== r.score || d.comment.trim() !== r.comment;
  };
  const edit = (r: AssessmentRow, patch: Partial<Draft>) =>
    setDrafts((m) => new Map(m).set(r.staffId, { ...draftOf(r), ...patch }));

  async function save(r: AssessmentRow) {
    const d = draftOf(r);
    setSaving(r.staffId);
    try {
      const row = await source.saveScore({
        staffId: r.staffId,
        month,
        score: d.score,
        comment: d.comment,
        ...(r.version ? { expectedVersion: r.version } : {}),
      });
      setData((x) => (x ? { ...x, rows: x.rows.map((y) => (y.staffId === row.staffId ? row : y)) } : x));
      setDrafts((m) => {
        const n = new Map(m);
        n.delete(r.staffId);
        return n;
      });
      ui().message.success(t('assessment.saved', { name: r.name }));
    } catch (e) {
      reportError(e);
    } finally {
      setSaving(null);
    }
  }

  const saveColumn: NonNullable<TableProps<AssessmentRow>['columns']>[number] = {
    key: 'save',
    title: '',
    width: 90,
    render: (_: unknown, r) => (
      <Button
        size="small"
        type={dirty(r) ? 'primary' : 'default'}
        icon={<SaveOutlined />}
        disabled={!dirty(r)}
        loading={saving === r.staffId}
        onClick={() => void save(r)}
        data-testid={`asm-save-${r.name}`}
      >
        {t('assessment.save')}
      </Button>
    ),
  };
  const columns: TableProps<AssessmentRow>['columns'] = [
    { key: 'name', dataIndex: 'name', title: t('assessment.name'), width: 100 },
    { key: 'role', title: t('assessment.role'), width: 90, render: (_: unknown, r) => t(`roles.${r.role}`) },
    ...(data?.measures ?? []).map((m) => ({
      key: m.key,
      // A measure added later without a translation shows its Chinese CSV header.
      title: tDynamic(`${source.measures}.${m.key}`, {}, m.header),
      width: 72,
      align: 'right' as const,
      render: (_: unknown, r: AssessmentRow) => (
        <span className="num" data-testid={`asm-${r.name}-${m.key}`}>
          {r.values[m.key] ?? '—'}
        </span>
      ),
    })),
    {
      key: 'score',
      title: t('assessment.score'),
      width: 100,
      render: (_: unknown, r) => (
        <InputNumber
          size="small"
          min={0}
          max={100}
          precision={0}
          placeholder="0–100"
          value={draftOf(r).score}
          disabled={!canScore}
          onChange={(v) => edit(r, { score: typeof v === 'number' ? v : null })}
          aria-label={`${r.name} ${t('assessment.score')}`}
          data-testid={`asm-score-${r.name}`}
          style={{ width: 80 }}
        />
      ),
    },
    {
      key: 'comment',
      title: t('assessment.comment'),
      render: (_: unknown, r) => (
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 3 }}
          maxLength={500}
          placeholder={t('assessment.commentPlaceholder')}
          value={draftOf(r).comment}
          disabled={!canScore}
          onChange={(e) => edit(r, { comment: e.target.value })}
          aria-label={`${r.name} ${t('assessment.comment')}`}
          data-testid={`asm-comment-${r.name}`}
        />
      ),
    },
    ...(canScore ? [saveColumn] : []),
  ];

  return (
    <div
      className="wh-page staffing-page"
      data-testid={kind === 'art' ? 'art-assessment-page' : 'assessment-page'}
    >
      <div className="toolbar">
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          format="YYYY-MM"
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          aria-label={t('assessment.month')}
          data-testid="asm-month"
        />
        <span className="toolbar__spacer" />
        <Button
          icon={<DownloadOutlined />}
          disabled={!data}
          onClick={() => setExporting(true)}
          data-testid="asm-export"
        >
          {t('assessment.export')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{tDynamic(source.hint)}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Table<AssessmentRow>
        size="small"
        rowKey="staffId"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={!data && !error}
        pagination={false}
        scroll={{ x: 190 + (data?.measures.length ?? 8) * 72 + 190 + 240 }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tDynamic(source.empty)} />,
        }}
      />
      <CsvExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        body={t('assessment.exportBody', { month, count: data?.rows.length ?? 0 })}
        run={(encoding) => source.exportCsv({ month, encoding })}
      />
    </div>
  );
}
