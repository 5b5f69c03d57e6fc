import { CheckCircleFilled, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  Modal,
  Result,
  Segmented,
  Space,
  Spin,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  type TableProps,
} from 'antd';
import { useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ImportPreview,
  ImportPreviewRow,
  ImportResult,
  ImportRowStatus,
} from '../../../../src-main/api/contract';
import { api, errorText, problemText } from '../../api';
import { tDynamic } from '../../i18n';
import { useCatalog } from '../../stores/catalog';

const MAX_BYTES = 20 * 1024 * 1024;
/** A multiple of 3, so each chunk's base64 joins cleanly with the next. */
const CHUNK = 3 * 256 * 1024;

/** Base64 of a file's bytes, encoded in chunks (no data: URLs, no giant intermediate string per byte). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const slice = bytes.subarray(i, i + CHUNK);
    let bin = '';
    for (let j = 0; j < slice.length; j += 0x8000) {
      bin += String.fromCharCode.apply(null, slice.subarray(j, j + 0x8000) as unknown as number[]);
    }
    parts.push(btoa(bin));
  }
  return parts.join('');
}

const STATUS_COLOR: Record<ImportRowStatus, string> = {
  new: 'blue',
  changed: 'gold',
  unchanged: 'default',
  rejected: 'red',
};

type Step = 'file' | 'preview' | 'result';

/** The CSV import wizard: choose a file → check the preview → result. */
export function ImportWizard({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const refresh = useCatalog((s) => s.refresh);
  const [step, setStep] = useState<Step>('file');
  const [reading, setReading] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [excluded, setExcluded] = useState<Set<number>>(new Set());
  const [show, setShow] = useState<'all' | ImportRowStatus>('all');
  const [committing, setCommitting] = useState(false);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const [lastFile, setLastFile] = useState<File | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  async function choose(file: File | undefined) {
    if (!file) return;
    setFileError(null);
    if (!/\.csv$/i.test(file.name)) {
      setFileError(t('import.notCsv'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError(t('import.tooLarge', { size: (file.size / 1024 / 1024).toFixed(1) }));
      return;
    }
    setReading(file.name);
    setLastFile(file);
    try {
      let content: string;
      try {
        content = await fileToBase64(file);
      } catch {
        setFileError(t('import.readFailed'));
        return;
      }
      const p = await api.catalog.importPreview({ fileName: file.name, contentBase64: content });
      setPreview(p);
      setExcluded(new Set());
      setShow(p.counts.rejected ? 'rejected' : 'all');
      setCommitError(null);
      setStep('preview');
    } catch (e) {
      setFileError(errorText(e));
    } finally {
      setReading(null);
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  const rejectedRows = useMemo(
    () => preview?.rows.filter((r) => r.status === 'rejected').map((r) => r.rowNumber) ?? [],
    [preview],
  );
  const rejectedLeft = rejectedRows.filter((n) => !excluded.has(n)).length;
  const toImport = preview
    ? preview.rows.filter((r) => !excluded.has(r.rowNumber) && (r.status === 'new' || r.status === 'changed'))
        .length
    : 0;
  const visible = useMemo(
    () => (preview ? (show === 'all' ? preview.rows : preview.rows.filter((r) => r.status === show)) : []),
    [preview, show],
  );

  function toggle(row: number, on: boolean) {
    setExcluded((prev) => {
      const next = new Set(prev);
      if (on) next.add(row);
      else next.delete(row);
      return next;
    });
  }

  async function commit() {
    if (!preview || rejectedLeft) return;
    setCommitting(true);
    setCommitError(null);
    try {
      const r = await api.catalog.importCommit({ importId: preview.importId, excludeRows: [...excluded] });
      setResult(r);
      setStep('result');
      void refresh();
    } catch (e) {
      setCommitError(errorText(e));
    } finally {
      setCommitting(false);
    }
  }

  function restart() {
    setPreview(null);
    setExcluded(new Set());
    setResult(null);
    setCommitError(null);
    setFileError(null);
    setStep('file');
  }

  function finish() {
    onClose();
  }

  const fieldName = (f: string) => tDynamic(`import.fields.${f}`, undefined, f);
  const encodingName = (e: string) =>
    tDynamic(`import.encodings.${e.toLowerCase().replace(/[^a-z0-9]/g, '')}`, undefined, e.toUpperCase());

  const columns: TableProps<ImportPreviewRow>['columns'] = [
    {
      key: 'row',
      dataIndex: 'rowNumber',
      title: t('import.cols.row'),
      width: 64,
      align: 'right',
      render: (v: number) => <span className="num import-row__number">{v}</span>,
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('import.cols.status'),
      width: 84,
      render: (s: ImportRowStatus) => <Tag color={STATUS_COLOR[s]}>{t(`import.counts.${s}`)}</Tag>,
    },
    {
      key: 'code',
      dataIndex: 'code',
      title: t('import.cols.code'),
      width: 150,
      ellipsis: true,
      render: (v: string) => <span className="num">{v}</span>,
    },
    { key: 'title', dataIndex: 'title', title: t('import.cols.title'), width: 190, ellipsis: true },
    { key: 'spec', dataIndex: 'spec', title: t('import.cols.spec'), width: 140, ellipsis: true },
    {
      key: 'detail',
      title: t('import.cols.detail'),
      width: 236,
      render: (_, r) => {
        if (r.status === 'rejected')
          return (
            <ul className="import-errors" data-testid={`import-errors-${r.rowNumber}`}>
              {r.errors.map((e, i) => (
                <li key={i}>
                  <Typography.Text type="danger">
                    <strong>{e.field}</strong>
                    {t('import.fieldSep')}
                    {problemText(e)}
                  </Typography.Text>
                </li>
              ))}
            </ul>
          );
        if (r.status === 'changed')
          return t('import.willChange', { fields: r.changes.map(fieldName).join(t('import.listSep')) });
        if (r.status === 'unchanged')
          return <Typography.Text type="secondary">{t('import.noChange')}</Typography.Text>;
        return <Typography.Text type="secondary">{t('import.willCreate')}</Typography.Text>;
      },
    },
    {
      key: 'exclude',
      title: t('import.cols.exclude'),
      width: 76,
      align: 'center',
      render: (_, r) =>
        r.status === 'unchanged' ? null : (
          <Checkbox
            aria-label={t('import.excludeRow', { row: r.rowNumber })}
            data-testid={`import-exclude-${r.rowNumber}`}
            checked={excluded.has(r.rowNumber)}
            onChange={(e) => toggle(r.rowNumber, e.target.checked)}
          />
        ),
    },
  ];

  const stepIndex = step === 'file' ? 0 : step === 'preview' ? 1 : 2;

  const footer =
    step === 'file' ? (
      <Button onClick={onClose}>{t('common.cancel')}</Button>
    ) : step === 'preview' ? (
      <div className="import-foot">
        <Typography.Text type={rejectedLeft ? 'danger' : 'secondary'} data-testid="import-commit-hint">
          {rejectedLeft
            ? t('import.rejectedLeft', { count: rejectedLeft })
            : toImport === 0
              ? t('import.nothingToImport')
              : t('import.readyToImport', { count: toImport })}
        </Typography.Text>
        <Space>
          <Button onClick={restart} data-testid="import-reselect" disabled={committing}>
            {t('import.reselect')}
          </Button>
          <Button
            type="primary"
            onClick={commit}
            loading={committing}
            disabled={rejectedLeft > 0 || toImport === 0}
            data-testid="import-commit"
          >
            {t('import.commit')}
          </Button>
        </Space>
      </div>
    ) : (
      <Button type="primary" onClick={finish} data-testid="import-done">
        {t('common.done')}
      </Button>
    );

  return (
    <Modal
      open={open}
      title={t('import.title')}
      onCancel={committing ? undefined : onClose}
      closable={!committing}
      mask={{ closable: false }}
      width={1000}
      footer={footer}
      destroyOnHidden
      className="import-modal"
    >
      <Steps
        size="small"
        current={stepIndex}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('import.steps.file') },
          { title: t('import.steps.preview') },
          { title: t('import.steps.result') },
        ]}
      />

      {step === 'file' && (
        <Spin spinning={!!reading} description={reading ? t('import.reading', { name: reading }) : undefined}>
          <label
            htmlFor="import-file-input"
            className={`dropzone${dragOver ? ' dropzone--over' : ''}`}
            tabIndex={0}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                inputRef.current?.click();
              }
            }}
            onDragOver={(e: DragEvent) => {
              e.preventDefault();
              setDragOver(true);
            }}
            onDragLeave={() => setDragOver(false)}
            onDrop={(e: DragEvent) => {
              e.preventDefault();
              setDragOver(false);
              void choose(e.dataTransfer.files[0]);
            }}
          >
            <InboxOutlined className="dropzone__icon" aria-hidden />
            <span className="dropzone__title">{t('import.dropTitle')}</span>
            <span className="dropzone__hint">{t('import.dropHint')}</span>
          </label>
          <input
            id="import-file-input"
            ref={inputRef}
            type="file"
            accept=".csv,text/csv"
            className="visually-hidden"
            tabIndex={-1}
            data-testid="import-file-input"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
          {fileError && (
            <Alert
              type="error"
              showIcon
              title={fileError}
              style={{ marginTop: 12 }}
              data-testid="import-file-error"
            />
          )}
          <div className="import-columns">
            <Typography.Paragraph strong style={{ marginBottom: 8 }}>
              {t('import.columnsTitle')}
            </Typography.Paragraph>
            <div className="import-columns__row">
              <span className="import-columns__label">{t('import.requiredColumns')}</span>
              <Tag color="blue">{t('import.columnHelp.code')}</Tag>
              <Tag color="blue">{t('import.columnHelp.title')}</Tag>
              <Tag color="blue">
                {t('import.columnHelp.price')}
                {t('import.priceNote')}
              </Tag>
            </div>
            <div className="import-columns__row">
              <span className="import-columns__label">{t('import.optionalColumns')}</span>
              {(
                ['spec', 'barcode', 'cost', 'listed', 'threshold', 'styleCode', 'category', 'status'] as const
              ).map((c) => (
                <Tag key={c}>{t(`import.columnHelp.${c}`)}</Tag>
              ))}
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('import.columnNotes')}
            </Typography.Paragraph>
          </div>
        </Spin>
      )}

      {step === 'preview' && preview && (
        <div data-testid="import-preview">
          <div className="import-summary">
            <div className="import-summary__file">
              <FileTextOutlined aria-hidden />
              <Typography.Text strong ellipsis style={{ maxWidth: 320 }}>
                {preview.fileName}
              </Typography.Text>
              <Tag data-testid="import-encoding">
                {t('import.encoding', { encoding: encodingName(preview.encoding) })}
              </Tag>
            </div>
            <Space size="large" className="import-summary__counts">
              {(['new', 'changed', 'unchanged', 'rejected'] as const).map((s) => (
                <Statistic
                  key={s}
                  title={t(`import.counts.${s}`)}
                  value={preview.counts[s]}
                  styles={{
                    content: {
                      color: s === 'rejected' && preview.counts[s] ? '#cf1322' : undefined,
                      fontSize: 22,
                    },
                  }}
                  data-testid={`import-count-${s}`}
                />
              ))}
            </Space>
          </div>
          <div className="import-toolbar">
            <Segmented<'all' | ImportRowStatus>
              value={show}
              onChange={setShow}
              options={[
                { value: 'all', label: t('import.showAll') },
                ...(['new', 'changed', 'unchanged', 'rejected'] as const).map((s) => ({
                  value: s,
                  label: `${t(`import.counts.${s}`)} ${preview.counts[s]}`,
                })),
              ]}
            />
            {rejectedRows.length > 0 && (
              <Button
                danger={rejectedLeft > 0}
                onClick={() => setExcluded((prev) => new Set([...prev, ...rejectedRows]))}
                disabled={rejectedLeft === 0}
                data-testid="import-exclude-rejected"
              >
                {rejectedLeft === 0 ? (
                  <>
                    <CheckCircleFilled /> {t('import.excludedCount', { count: rejectedRows.length })}
                  </>
                ) : (
                  t('import.excludeRejected')
                )}
              </Button>
            )}
          </div>
          {commitError && (
            <Alert
              type="error"
              showIcon
              title={t('import.commitFailed')}
              description={commitError}
              style={{ marginBottom: 12 }}
              data-testid="import-commit-error"
              action={
                lastFile ? (
                  <Button size="small" onClick={() => void choose(lastFile)}>
                    {t('import.recheck')}
                  </Button>
                ) : undefined
              }
            />
          )}
          <Table<ImportPreviewRow>
            data-testid="import-preview-table"
            virtual
            size="small"
            rowKey="rowNumber"
            columns={columns}
            dataSource={visible}
            pagination={false}
            scroll={{ x: 940, y: 320 }}
            locale={{ emptyText: t('import.emptyRows') }}
            rowClassName={(r) => (excluded.has(r.rowNumber) ? 'import-row--excluded' : '')}
            onRow={(r) => ({ 'data-testid': `import-row-${r.rowNumber}`, role: 'row' })}
          />
        </div>
      )}

      {step === 'result' && result && (
        <Result
          status="success"
          title={t('import.resultTitle')}
          subTitle={t('import.resultBody', { ...result })}
          data-testid="import-result"
          extra={
            <Space size="large">
              <Statistic
                title={t('import.resultCreated')}
                value={result.created}
                data-testid="import-result-created"
              />
              <Statistic
                title={t('import.resultUpdated')}
                value={result.updated}
                data-testid="import-result-updated"
              />
              <Statistic title={t('import.resultUnchanged')} value={result.unchanged} />
              <Statistic title={t('import.resultExcluded')} value={result.excluded} />
            </Space>
          }
        />
      )}
    </Modal>
  );
}
