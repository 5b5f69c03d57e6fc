// The seller-centre import dialog: choose the file(s) → main parses them into a preview (new, changed,
// unchanged and rejected rows with their row numbers and reasons) → import all or nothing, optionally
// leaving the rejected rows out. The order import and the 退款报表 import differ only in their texts,
// the file(s) they send, the columns that name a row and what the preview adds above the table.
import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Modal,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../src-main/api/contract';
import { errorText, problemText, ui } from '../api';
import { tDynamic } from '../i18n';

const STATUS_COLOR = { new: 'blue', changed: 'gold', unchanged: 'default', rejected: 'red' } as const;
const COUNTS = ['new', 'changed', 'unchanged', 'rejected'] as const;

export interface PreviewRow {
  status: (typeof COUNTS)[number];
  errors: (Problem & { field: string })[];
  changes: string[];
}

export interface Preview<R extends PreviewRow> {
  importId: string;
  counts: Record<(typeof COUNTS)[number], number>;
  rows: R[];
}

interface Props<R extends PreviewRow, P extends Preview<R>> {
  open: boolean;
  onClose(): void;
  onDone(): void;
  /** The i18n section with title, hint, choose, chosen, back, commit, counts.*, nothingToDo,
   *  excludeRejected, what, changes and fields.*. */
  texts: string;
  /** The data-testid prefix: `<prefix>-preview`, `<prefix>-commit`, `<prefix>-count-<k>`, … */
  testId: string;
  /** The hidden file input's test id. */
  fileTestId: string;
  /** At most this many files (1: a single file). */
  maxFiles: number;
  preview(files: File[]): Promise<P>;
  /** Imports the preview, leaving out `rejected`; returns the success message. */
  commit(preview: P, rejected: R[]): Promise<string>;
  /** What stands above the counts (the files read and their encodings). */
  describe(preview: P): ReactNode;
  /** More beside the counts, and warnings under them. */
  extra?(preview: P): ReactNode;
  warning?(preview: P): ReactNode;
  rowKey(row: R): string;
  /** The columns naming a row, between its status and what happens to it. */
  columns: NonNullable<TableProps<R>['columns']>;
}

export function ImportPreviewModal<R extends PreviewRow, P extends Preview<R>>(p: Props<R, P>) {
  const { t } = useTranslation();
  const tx = (key: string, params?: Record<string, unknown>) => tDynamic(`${p.texts}.${key}`, params);
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<P | null>(null);
  const [skipRejected, setSkipRejected] = useState(true);

  function reset() {
    setFiles([]);
    setPreview(null);
    setError(null);
    if (input.current) input.current.value = '';
  }
  function close() {
    reset();
    p.onClose();
  }

  async function check(chosen: File[]) {
    const taken = chosen.slice(0, p.maxFiles);
    setFiles(taken);
    setPreview(null);
    setError(null);
    if (!taken.length) return;
    setBusy(true);
    try {
      setPreview(await p.preview(taken));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!preview) return;
    setBusy(true);
    try {
      const rejected = skipRejected ? preview.rows.filter((r) => r.status === 'rejected') : [];
      ui().message.success(await p.commit(preview, rejected));
      p.onDone();
      close();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const c = preview?.counts;
  // The texts name the chosen files {{names}} (several) or {{name}} (one).
  const chosenNames = files.map((f) => f.name).join('、');
  const nothing = !!c && c.new + c.changed === 0;
  const blocked = !!c && c.rejected > 0 && !skipRejected;

  return (
    <Modal
      open={p.open}
      title={tx('title')}
      onCancel={close}
      width={900}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          {preview && (
            <Button onClick={reset} data-testid={`${p.testId}-back`}>
              {tx('back')}
            </Button>
          )}
          <Button
            type="primary"
            disabled={!preview || nothing || blocked}
            loading={busy && !!preview}
            onClick={() => void commit()}
            data-testid={`${p.testId}-commit`}
          >
            {tx('commit')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{tx('hint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<InboxOutlined />} onClick={() => input.current?.click()} loading={busy && !preview}>
          {tx('choose')}
        </Button>
        {files.length > 0 && (
          <Typography.Text>{tx('chosen', { names: chosenNames, name: chosenNames })}</Typography.Text>
        )}
        <input
          ref={input}
          type="file"
          multiple={p.maxFiles > 1}
          accept=".csv,.xlsx,.xls"
          hidden
          data-testid={p.fileTestId}
          onChange={(e) => void check([...(e.target.files ?? [])])}
        />
      </Space>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      {preview && c && (
        <div data-testid={`${p.testId}-preview`}>
          <Typography.Paragraph>{p.describe(preview)}</Typography.Paragraph>
          <Space size={32} style={{ marginBottom: 12 }} wrap>
            {COUNTS.map((k) => (
              <Statistic
                key={k}
                title={tx(`counts.${k}`)}
                value={c[k]}
                data-testid={`${p.testId}-count-${k}`}
                styles={{ content: { color: k === 'rejected' && c[k] ? '#cf1322' : undefined } }}
              />
            ))}
            {p.extra?.(preview)}
          </Space>
          {p.warning?.(preview)}
          {nothing && <Alert type="info" showIcon title={tx('nothingToDo')} style={{ marginBottom: 12 }} />}
          {c.rejected > 0 && (
            <Checkbox
              checked={skipRejected}
              onChange={(e) => setSkipRejected(e.target.checked)}
              style={{ marginBottom: 8 }}
            >
              {tx('excludeRejected')}
            </Checkbox>
          )}
          {preview.rows.length > 0 && (
            <Table<R>
              size="small"
              rowKey={p.rowKey}
              dataSource={preview.rows}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              columns={[
                {
                  key: 'status',
                  title: t('orders.status'),
                  width: 90,
                  render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{tx(`counts.${r.status}`)}</Tag>,
                },
                ...p.columns,
                {
                  key: 'what',
                  title: tx('what'),
                  render: (_, r) =>
                    r.errors.length ? (
                      <Typography.Text type="danger">
                        {r.errors.map((e) => `${e.field}：${problemText(e)}`).join('；')}
                      </Typography.Text>
                    ) : r.changes.length ? (
                      tx('changes', {
                        fields: r.changes.map((f) => tDynamic(`${p.texts}.fields.${f}`, {}, f)).join('、'),
                      })
                    ) : (
                      ''
                    ),
                },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
