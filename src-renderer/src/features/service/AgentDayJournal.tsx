import { Alert, Button, Card, DatePicker, Empty, Input, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  JOURNAL_SECTIONS,
  isoWeekDays,
  isoWeekOf,
  type Journal,
  type JournalKind,
  type JournalSection,
} from '../../../../src-main/api/contract-agentday';
import { api, errorText, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { shopToday } from './AgentDayStore';

/**
 * One journal — the day's work log (工作日志) or the week's summary and plan — with a date/week
 * picker. Its author edits it during its day/week; afterwards, and for everyone else, it is read
 * only. With `canComment` (supervisors) a comment can be added.
 */
export function AgentDayJournal({
  kind,
  staffId,
  canComment = false,
}: {
  kind: JournalKind;
  /** Someone else's (supervisors); default one's own. */
  staffId?: string;
  canComment?: boolean;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const today = shopToday(timeZone);
  const [day, setDay] = useState(today);
  const period = kind === 'day' ? day : isoWeekOf(day);
  const current = kind === 'day' ? today : isoWeekOf(today);
  const [journal, setJournal] = useState<Journal | null>(null);
  const [draft, setDraft] = useState<Partial<Record<JournalSection, string>>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tid = `agentday-${kind}`;

  const load = useCallback(async () => {
    try {
      const who = staffId ? { staffId } : {};
      const j =
        kind === 'day'
          ? await api.agentDay.journalGet({ kind: 'day', period, ...who })
          : await api.agentDay.journalGet({ kind: 'week', period, ...who });
      setJournal(j);
      setDraft(j.sections);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [kind, period, staffId]);
  useEffect(() => {
    void load();
  }, [load]);

  async function save() {
    if (!journal) return;
    setBusy(true);
    try {
      const base = { expectedVersion: journal.version ?? undefined };
      const j =
        kind === 'day'
          ? await api.agentDay.journalSave({
              kind: 'day',
              period,
              ...base,
              sections: {
                questions: draft.questions ?? '',
                deals: draft.deals ?? '',
                lessons: draft.lessons ?? '',
              },
            })
          : await api.agentDay.journalSave({
              kind: 'week',
              period,
              ...base,
              sections: { summary: draft.summary ?? '', plan: draft.plan ?? '' },
            });
      setJournal(j);
      setDraft(j.sections);
      ui().message.success(t('agentDay.saved'));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }

  async function sendComment() {
    if (!journal?.id || !comment.trim()) return;
    try {
      setJournal(await api.agentDay.journalComment({ journalId: journal.id, text: comment }));
      setComment('');
      ui().message.success(t('agentDay.commented'));
    } catch (e) {
      reportError(e);
    }
  }

  const [wFrom, wTo] = isoWeekDays(isoWeekOf(day));
  const editable = journal?.editable ?? false;
  const empty = journal && !journal.id && !editable;
  return (
    <div data-testid={tid}>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Space wrap style={{ marginBottom: 12 }}>
        {kind === 'day' ? (
          <DatePicker
            aria-label={t('agentDay.day')}
            value={dayjs(day)}
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            onChange={(v) => v && setDay(v.format('YYYY-MM-DD'))}
            data-testid={`${tid}-date`}
          />
        ) : (
          <DatePicker
            picker="week"
            aria-label={t('agentDay.week')}
            value={dayjs(day)}
            allowClear={false}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            format={() =>
              t('agentDay.weekLabel', {
                year: period.slice(0, 4),
                n: Number(period.slice(6)),
                from: wFrom.slice(5),
                to: wTo.slice(5),
              })
            }
            style={{ width: 300 }}
            onChange={(v) => v && setDay(v.format('YYYY-MM-DD'))}
            data-testid={`${tid}-date`}
          />
        )}
        {journal &&
          (editable ? (
            <Tag color="green">{t(kind === 'day' ? 'agentDay.editableToday' : 'agentDay.editableWeek')}</Tag>
          ) : (
            journal.id &&
            journal.period !== current && <Tag data-testid={`${tid}-archived`}>{t('agentDay.readOnly')}</Tag>
          ))}
        {journal?.updatedAt && (
          <Typography.Text type="secondary">
            {t('agentDay.lastSaved', { at: formatDateTime(journal.updatedAt, timeZone) })}
          </Typography.Text>
        )}
      </Space>
      {empty ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t(kind === 'day' ? 'agentDay.notWritten' : 'agentDay.notWrittenWeek')}
        />
      ) : (
        journal && (
          <div className="agentday-sections">
            {JOURNAL_SECTIONS[kind].map((s) => (
              <label key={s} className="agentday-section">
                <Typography.Text strong>{t(`agentDay.sections.${s}`)}</Typography.Text>
                {editable ? (
                  <Input.TextArea
                    value={draft[s] ?? ''}
                    onChange={(e) => setDraft((d) => ({ ...d, [s]: e.target.value }))}
                    placeholder={t(`agentDay.placeholders.${s}`)}
                    autoSize={{ minRows: 3, maxRows: 10 }}
                    maxLength={4000}
                    data-testid={`${tid}-${s}`}
                  />
                ) : (
                  <Typography.Paragraph className="agentday-readonly" data-testid={`${tid}-${s}`}>
                    {journal.sections[s] || '—'}
                  </Typography.Paragraph>
                )}
              </label>
            ))}
            {editable && (
              <Button type="primary" loading={busy} onClick={save} data-testid={`${tid}-save`}>
                {t('agentDay.save')}
              </Button>
            )}
          </div>
        )
      )}
      {journal?.id && (
        <Card
          size="small"
          title={t('agentDay.comments')}
          style={{ marginTop: 16 }}
          data-testid={`${tid}-comments`}
        >
          {journal.comments.length ? (
            <List
              size="small"
              dataSource={journal.comments}
              renderItem={(c) => (
                <List.Item>
                  <div className="agentday-comment">
                    <Typography.Text strong>{c.staffName}</Typography.Text>
                    <Typography.Text type="secondary" className="num" style={{ margin: '0 8px' }}>
                      {formatDateTime(c.at, timeZone)}
                    </Typography.Text>
                    <div className="agentday-comment__text">{c.text}</div>
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Typography.Text type="secondary">{t('agentDay.noComments')}</Typography.Text>
          )}
          {canComment && (
            <Space.Compact style={{ width: '100%', marginTop: 12 }}>
              <Input
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                onPressEnter={sendComment}
                placeholder={t('agentDay.commentPlaceholder')}
                maxLength={1000}
                aria-label={t('agentDay.comment')}
                data-testid={`${tid}-comment-input`}
              />
              <Button onClick={sendComment} disabled={!comment.trim()} data-testid={`${tid}-comment-send`}>
                {t('agentDay.commentSend')}
              </Button>
            </Space.Compact>
          )}
        </Card>
      )}
    </div>
  );
}
