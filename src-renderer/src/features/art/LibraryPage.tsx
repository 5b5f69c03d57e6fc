// 图片库: filters on the left, a virtual grid of thumbnails (pages of 200 fetched from main as they
// scroll into view — never the whole library), selection with click / Ctrl / Shift, bulk edit,
// export to a folder by a naming rule, the catalogue as CSV, the trash, and a large preview.
import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  ExportOutlined,
  FileImageOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  RollbackOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  Alert,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Space,
  Switch,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMAGE_STATUSES,
  IMAGE_USES,
  NAME_TOKENS,
  type ImageStatus,
  type ImageUse,
  type ImportReport,
  type LibraryFilter,
  type LibraryImageRow,
} from '../../../../src-main/api/contract-art';
import { api, errorText, reportError, ui } from '../../api';
import { CsvExportDialog } from '../../components/CsvExportDialog';
import { useDebounce } from '../../components/useDebounce';
import { useElementSize } from '../../lib/useElementSize';
import { useCan } from '../../stores/session';
import { SkuSelect } from '../warehouse/pickers';
import { thumbSrc } from './common';
import { ImagePreview } from './ImagePreview';

const PAGE = 200;
const CELL_W = 176;
const CELL_H = 214;

type UseFilter = ImageUse | 'none';

export function LibraryPage() {
  const { t } = useTranslation();
  const canEdit = useCan('art.library');
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<LibraryFilter>({});
  const [total, setTotal] = useState(0);
  const [version, setVersion] = useState(0); // bumps when the data or the filter changed
  const pages = useRef(new Map<number, LibraryImageRow[]>());
  const loadingPages = useRef(new Set<string>()); // `${generation}:${page}`
  const [, force] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const anchor = useRef<number | null>(null);
  const [tags, setTags] = useState<{ path: string; count: number }[]>([]);
  const [thumbs, setThumbs] = useState({ pending: 0, failed: 0 });
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importing, setImporting] = useState(false);
  const [bulk, setBulk] = useState(false);
  const [exportFiles, setExportFiles] = useState(false);
  const [exportCsv, setExportCsv] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const debounce = useDebounce(250);
  const [gridRef, size] = useElementSize<HTMLDivElement>();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // One stable ref callback (a new one each render would re-measure and re-render forever).
  const setGridEl = useCallback(
    (el: HTMLDivElement | null) => {
      scrollRef.current = el;
      gridRef(el);
    },
    [gridRef],
  );
  const cols = Math.max(1, Math.floor((size.width - 8) / CELL_W));
  const rowCount = Math.ceil(total / cols);

  const [thumbKick, setThumbKick] = useState(0);
  const staleReloads = useRef(0);
  const refresh = useCallback(() => {
    pages.current = new Map();
    loadingPages.current = new Set();
    setVersion((v) => v + 1);
  }, []);

  const loadTags = useCallback(() => {
    api.art
      .libraryTags({})
      .then(setTags)
      .catch(() => setTags([]));
  }, []);

  // A new filter starts the grid again (not the first one: the grid starts with it).
  const shownFilter = useRef(filter);
  useEffect(() => {
    if (shownFilter.current === filter) return;
    shownFilter.current = filter;
    refresh();
    setSelected([]);
  }, [filter, refresh]);
  // The tag tree (its counts) is asked for once the first page has arrived: the first screen's
  // thumbnails never wait behind it.
  const tagsAsked = useRef(false);
  const afterFirstPage = useCallback(() => {
    if (tagsAsked.current) return;
    tagsAsked.current = true;
    loadTags();
  }, [loadTags]);

  // Page 0 (and the total) whenever the filter or data changes.
  const fetchPage = useCallback(
    async (index: number, gen: number) => {
      const key = `${gen}:${index}`;
      if (pages.current.has(index) || loadingPages.current.has(key)) return;
      loadingPages.current.add(key);
      try {
        const page = await api.art.libraryList({ filter, offset: index * PAGE, limit: PAGE });
        if (gen !== genRef.current) return;
        pages.current.set(index, page.rows);
        // A page read while thumbnails were still being made: let the poll below catch up with it.
        if (page.rows.some((r) => r.thumb === 'pending')) setThumbKick((n) => n + 1);
        else staleReloads.current = 0;
        setTotal(page.total);
        setError(null);
        force((n) => n + 1);
      } catch (e) {
        if (gen === genRef.current) setError(errorText(e));
      } finally {
        loadingPages.current.delete(key);
        afterFirstPage();
      }
    },
    [filter, afterFirstPage],
  );
  const genRef = useRef(0);
  useEffect(() => {
    genRef.current = version;
    void fetchPage(0, version);
  }, [version, fetchPage]);

  // TanStack Virtual returns functions the React compiler cannot memoize; this component is
  // left uncompiled on purpose (the grid re-renders on scroll anyway).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtual = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CELL_H,
    overscan: 3,
  });
  const items = virtual.getVirtualItems();
  // Fetch the pages the visible rows need.
  useEffect(() => {
    if (!items.length) return;
    const first = items[0]!.index * cols;
    const last = Math.min(total - 1, (items[items.length - 1]!.index + 1) * cols - 1);
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) void fetchPage(p, version);
  }, [items, cols, total, fetchPage, version]);

  const at = (i: number): LibraryImageRow | undefined => pages.current.get(Math.floor(i / PAGE))?.[i % PAGE];

  // Thumbnail progress: poll while some are pending; reload the grid when they are done — also when
  // the shown rows were read while theirs were pending (thumbnails are made alongside the import, so
  // they may all be done before the first poll). At most two such reloads in a row.
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastPending = -1;
    const tick = async () => {
      try {
        const s = await api.art.libraryThumbs({});
        if (stop) return;
        setThumbs(s);
        const shownPending = [...pages.current.values()].some((rows) =>
          rows.some((r) => r.thumb === 'pending'),
        );
        if (s.pending > 0) staleReloads.current = 0;
        else if ((lastPending > 0 || shownPending) && staleReloads.current < 2) {
          staleReloads.current++;
          refresh();
          return;
        }
        lastPending = s.pending;
        if (s.pending > 0) timer = setTimeout(tick, 800);
      } catch {
        /* progress is a comfort */
      }
    };
    void tick();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [version, refresh, thumbKick]);

  // Drag and drop: files or folders dropped onto the grid are imported like the dialog's. The page
  // only says "a drop happened"; the paths go from the preload to main directly (drops.ts).
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const hasFiles = (e: React.DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  const dropHandlers = canEdit
    ? {
        onDragEnter: (e: React.DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          dragDepth.current++;
          setDragging(true);
        },
        onDragOver: (e: React.DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = importing ? 'none' : 'copy';
        },
        onDragLeave: () => {
          dragDepth.current = Math.max(0, dragDepth.current - 1);
          if (dragDepth.current === 0) setDragging(false);
        },
        onDrop: (e: React.DragEvent) => {
          e.preventDefault();
          dragDepth.current = 0;
          setDragging(false);
          if (!importing && e.dataTransfer.files.length > 0) void runImport('drop');
        },
      }
    : {};

  async function runImport(mode: 'files' | 'folder' | 'drop') {
    setImporting(true);
    try {
      const r = await api.art.libraryImport({ mode });
      if (r.cancelled) return;
      setReport(r);
      refresh();
      loadTags();
    } catch (e) {
      reportError(e);
    } finally {
      setImporting(false);
    }
  }

  function clickCell(i: number, id: string, e: React.MouseEvent | React.KeyboardEvent) {
    if (e.shiftKey && anchor.current !== null) {
      const [a, b] = [Math.min(anchor.current, i), Math.max(anchor.current, i)];
      const ids: string[] = [];
      for (let k = a; k <= b; k++) {
        const r = at(k);
        if (r) ids.push(r.id);
      }
      setSelected(ids);
      return;
    }
    anchor.current = i;
    if (e.ctrlKey || e.metaKey) setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
    else setSelected((s) => (s.length === 1 && s[0] === id ? [] : [id]));
  }

  async function trash(trashed: boolean) {
    try {
      const r = await api.art.libraryTrash({ ids: selected, trashed });
      ui().message.success(
        trashed ? t('library.trashed', { count: r.updated }) : t('library.restored', { count: r.updated }),
      );
      setSelected([]);
      refresh();
      loadTags();
    } catch (e) {
      reportError(e);
    }
  }

  const tagTree = useMemo(() => buildTree(tags), [tags]);
  const setF = (patch: Partial<LibraryFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <div className="art-library" data-testid="art-library">
      <aside className="art-filters" aria-label={t('library.filters')}>
        <Input.Search
          allowClear
          placeholder={t('library.searchPlaceholder')}
          aria-label={t('library.searchPlaceholder')}
          value={text}
          onChange={(e) => {
            const v = e.target.value;
            setText(v);
            debounce.schedule(() => setF({ q: v.trim() }));
          }}
          data-testid="art-lib-search"
        />
        <label className="art-filters__label">{t('library.use')}</label>
        <Select<UseFilter>
          allowClear
          placeholder={t('library.all')}
          value={filter.use}
          onChange={(v) => setF({ use: v })}
          options={[
            ...IMAGE_USES.map((u) => ({ value: u, label: t(`library.uses.${u}`) })),
            { value: 'none' as const, label: t('library.uses.none') },
          ]}
          data-testid="art-lib-filter-use"
        />
        <label className="art-filters__label">{t('library.status')}</label>
        <Select<ImageStatus>
          allowClear
          placeholder={t('library.all')}
          value={filter.status}
          onChange={(v) => setF({ status: v })}
          options={IMAGE_STATUSES.map((s) => ({ value: s, label: t(`library.statuses.${s}`) }))}
        />
        <label className="art-filters__label">{t('library.sku')}</label>
        <SkuSelect
          allowClear
          value={filter.skuId}
          onChange={(v) => setF({ skuId: v })}
          placeholder={t('library.skuPlaceholder')}
        />
        <label className="art-filters__label">{t('library.importedOn')}</label>
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
            setF({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })
          }
        />
        <Space className="art-filters__switch">
          <Switch
            size="small"
            checked={!!filter.flagged}
            onChange={(v) => setF({ flagged: v })}
            data-testid="art-lib-flagged"
          />
          {t('library.onlyFlagged')}
        </Space>
        <Space className="art-filters__switch">
          <Switch
            size="small"
            checked={!!filter.trash}
            onChange={(v) => setF({ trash: v })}
            data-testid="art-lib-trash"
          />
          {t('library.trash')}
        </Space>
        <label className="art-filters__label">{t('library.tags')}</label>
        {tagTree.length ? (
          <Tree
            className="art-filters__tree"
            blockNode
            defaultExpandAll
            selectedKeys={filter.tag ? [filter.tag] : []}
            onSelect={(keys) => setF({ tag: (keys[0] as string | undefined) ?? '' })}
            treeData={tagTree}
          />
        ) : (
          <Typography.Text type="secondary">{t('library.noTags')}</Typography.Text>
        )}
      </aside>
      <section className="art-main">
        <div className="toolbar">
          {canEdit && (
            <>
              <Button
                type="primary"
                icon={<FileImageOutlined />}
                loading={importing}
                onClick={() => void runImport('files')}
                data-testid="art-lib-import"
              >
                {t('library.importFiles')}
              </Button>
              <Button
                icon={<FolderOpenOutlined />}
                disabled={importing}
                onClick={() => void runImport('folder')}
                data-testid="art-lib-import-folder"
              >
                {t('library.importFolder')}
              </Button>
            </>
          )}
          {importing && (
            <span className="art-progress" data-testid="art-import-progress">
              <Progress type="circle" size={20} percent={99} status="active" showInfo={false} />
              {t('art.drop.importing')}
            </span>
          )}
          {thumbs.pending > 0 && (
            <span className="art-progress" data-testid="art-thumb-progress">
              <Progress type="circle" size={20} percent={99} status="active" showInfo={false} />
              {t('library.thumbsPending', { count: thumbs.pending })}
            </span>
          )}
          <Typography.Text type="secondary" data-testid="art-lib-total">
            {selected.length
              ? t('library.selectedOf', { count: selected.length, total })
              : t('library.total', { total })}
          </Typography.Text>
          <span className="toolbar__spacer" />
          {canEdit && selected.length > 0 && !filter.trash && (
            <>
              <Button icon={<EditOutlined />} onClick={() => setBulk(true)} data-testid="art-lib-bulk">
                {t('library.bulkEdit')}
              </Button>
              <Button
                icon={<ExportOutlined />}
                onClick={() => setExportFiles(true)}
                data-testid="art-lib-export-files"
              >
                {t('library.exportFiles')}
              </Button>
              <Button
                danger
                icon={<DeleteOutlined />}
                onClick={() => void trash(true)}
                data-testid="art-lib-to-trash"
              >
                {t('library.toTrash')}
              </Button>
            </>
          )}
          {canEdit && selected.length > 0 && filter.trash && (
            <Button
              icon={<RollbackOutlined />}
              onClick={() => void trash(false)}
              data-testid="art-lib-restore"
            >
              {t('library.restore')}
            </Button>
          )}
          <Button
            icon={<DownloadOutlined />}
            onClick={() => setExportCsv(true)}
            data-testid="art-lib-export-csv"
          >
            {t('library.exportCsv')}
          </Button>
        </div>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
        <div className="art-grid-wrap" data-testid="art-drop-target" {...dropHandlers}>
          {dragging && (
            <div className="art-drop" data-testid="art-drop-zone" aria-live="polite">
              <InboxOutlined className="art-drop__icon" />
              <div className="art-drop__title">{t('art.drop.title')}</div>
              <div className="art-drop__hint">{t('art.drop.hint')}</div>
            </div>
          )}
          <div className="art-grid" ref={setGridEl} data-testid="art-grid">
            {total === 0 && pages.current.has(0) ? (
              <Empty
                description={filter.trash ? t('library.trashEmpty') : t('library.empty')}
                style={{ marginTop: 48 }}
              />
            ) : (
              <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
                {items.map((row) => (
                  <div
                    key={row.key}
                    className="art-grid__row"
                    style={{ transform: `translateY(${row.start}px)`, height: CELL_H }}
                  >
                    {Array.from({ length: cols }, (_, c) => {
                      const i = row.index * cols + c;
                      if (i >= total) return null;
                      const r = at(i);
                      if (!r) return <div key={c} className="art-cell art-cell--loading" />;
                      const on = selected.includes(r.id);
                      const src = thumbSrc(r);
                      return (
                        <div
                          key={r.id}
                          role="button"
                          tabIndex={0}
                          aria-pressed={on}
                          className={`art-cell${on ? ' art-cell--on' : ''}`}
                          onClick={(e) => clickCell(i, r.id, e)}
                          onDoubleClick={() => setPreview(r.id)}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter') setPreview(r.id);
                            if (e.key === ' ') {
                              e.preventDefault();
                              clickCell(i, r.id, e);
                            }
                          }}
                          title={r.fileName}
                          data-testid={`art-cell-${r.fileName}`}
                        >
                          <div className="art-cell__img">
                            {src ? (
                              <img src={src} alt={r.fileName} loading="lazy" draggable={false} />
                            ) : (
                              <FileImageOutlined />
                            )}
                            {r.thumb === 'failed' && (
                              <Tag color="red" className="art-cell__badge">
                                {t('library.broken')}
                              </Tag>
                            )}
                            {r.flags.length > 0 && (
                              <WarningFilled
                                className="art-cell__flag"
                                title={r.flags.map((f) => t(`library.flags.${f}`)).join('，')}
                              />
                            )}
                          </div>
                          <div className="art-cell__name">{r.fileName}</div>
                          <div className="art-cell__meta">
                            <span className="num">
                              {r.width}×{r.height}
                            </span>
                            {r.use && <Tag>{t(`library.uses.${r.use}`)}</Tag>}
                            {r.skuCodes[0] && <span className="num art-cell__sku">{r.skuCodes[0]}</span>}
                          </div>
                        </div>
                      );
                    })}
                  </div>
                ))}
              </div>
            )}
          </div>
        </div>
      </section>
      {report && <ImportReportModal report={report} onClose={() => setReport(null)} />}
      {bulk && (
        <BulkEdit
          ids={selected}
          tags={tags.map((x) => x.path)}
          onClose={() => setBulk(false)}
          onDone={() => {
            setBulk(false);
            refresh();
            loadTags();
          }}
        />
      )}
      {exportFiles && (
        <ExportFiles ids={orderedSelection(selected, at, total)} onClose={() => setExportFiles(false)} />
      )}
      <CsvExportDialog
        open={exportCsv}
        onClose={() => setExportCsv(false)}
        title={t('library.exportCsv')}
        body={t('library.exportCsvBody', { total })}
        run={(encoding) => api.art.libraryExportCsv({ filter, encoding })}
      />
      {preview && (
        <ImagePreview
          id={preview}
          onClose={() => setPreview(null)}
          onChanged={() => {
            refresh();
            loadTags();
          }}
          onOpen={setPreview}
        />
      )}
    </div>
  );
}

/** The selection in grid order (so {序号} follows what the person sees). */
function orderedSelection(
  ids: string[],
  at: (i: number) => LibraryImageRow | undefined,
  total: number,
): string[] {
  const set = new Set(ids);
  const out: string[] = [];
  for (let i = 0; i < total && out.length < set.size; i++) {
    const r = at(i);
    if (r && set.has(r.id)) out.push(r.id);
  }
  for (const id of ids) if (!out.includes(id)) out.push(id);
  return out;
}

interface TreeNode {
  key: string;
  title: string;
  children: TreeNode[];
}
function buildTree(tags: { path: string; count: number }[]): TreeNode[] {
  const roots: TreeNode[] = [];
  const byKey = new Map<string, TreeNode>();
  for (const { path, count } of tags) {
    const parts = path.split('/');
    let list = roots;
    parts.forEach((name, i) => {
      const key = parts.slice(0, i + 1).join('/');
      let node = byKey.get(key);
      if (!node) {
        node = { key, title: name, children: [] };
        byKey.set(key, node);
        list.push(node);
      }
      if (i === parts.length - 1) node.title = `${name}（${count}）`;
      list = node.children;
    });
  }
  return roots;
}

function ImportReportModal({ report, onClose }: { report: ImportReport; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={t('library.importDone')}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="art-import-close">
          {t('library.gotIt')}
        </Button>
      }
    >
      <div data-testid="art-import-report">
        <Typography.Paragraph>
          {t('library.importSummary', {
            imported: report.imported.length,
            duplicates: report.duplicates.length,
            errors: report.errors.length,
          })}
        </Typography.Paragraph>
        {report.duplicates.length > 0 && (
          <>
            <Typography.Text strong>{t('library.duplicates')}</Typography.Text>
            <ul className="art-report">
              {report.duplicates.slice(0, 50).map((d, i) => (
                <li key={i}>
                  {t(d.trashed ? 'library.duplicateInTrash' : 'library.duplicateOf', {
                    file: d.fileName,
                    existing: d.existingName,
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
        {report.errors.length > 0 && (
          <>
            <Typography.Text strong type="danger">
              {t('library.failed')}
            </Typography.Text>
            <ul className="art-report">
              {report.errors.slice(0, 50).map((e, i) => (
                <li key={i}>
                  {e.fileName}：{t(`library.importErrors.${e.key}`)}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Modal>
  );
}

function BulkEdit({
  ids,
  tags,
  onClose,
  onDone,
}: {
  ids: string[];
  tags: string[];
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{
    addTags: string[];
    removeTags: string[];
    use?: UseFilter;
    status?: ImageStatus;
    skuId?: string;
  }>();
  const [busy, setBusy] = useState(false);
  async function submit() {
    const v = form.getFieldsValue();
    setBusy(true);
    try {
      const r = await api.art.libraryUpdate({
        ids,
        addTags: v.addTags ?? [],
        removeTags: v.removeTags ?? [],
        ...(v.use ? { use: v.use } : {}),
        ...(v.status ? { status: v.status } : {}),
        addSkuIds: v.skuId ? [v.skuId] : [],
      });
      ui().message.success(t('library.bulkDone', { count: r.updated }));
      onDone();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }
  const tagOptions = tags.map((x) => ({ value: x, label: x }));
  return (
    <Modal
      open
      title={t('library.bulkTitle', { count: ids.length })}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'art-bulk-ok' } as never}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="addTags" label={t('library.addTags')} extra={t('library.tagHint')}>
          <Select
            mode="tags"
            options={tagOptions}
            tokenSeparators={[',', '，']}
            data-testid="art-bulk-tags"
          />
        </Form.Item>
        <Form.Item name="removeTags" label={t('library.removeTags')}>
          <Select mode="multiple" options={tagOptions} />
        </Form.Item>
        <Form.Item name="use" label={t('library.use')}>
          <Select
            allowClear
            placeholder={t('library.unchanged')}
            options={[
              ...IMAGE_USES.map((u) => ({ value: u, label: t(`library.uses.${u}`) })),
              { value: 'none', label: t('library.uses.none') },
            ]}
            data-testid="art-bulk-use"
          />
        </Form.Item>
        <Form.Item name="status" label={t('library.status')}>
          <Select
            allowClear
            placeholder={t('library.unchanged')}
            options={IMAGE_STATUSES.map((s) => ({ value: s, label: t(`library.statuses.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="skuId" label={t('library.linkSku')}>
          <SkuSelect allowClear placeholder={t('library.skuPlaceholder')} data-testid="art-bulk-sku" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ExportFiles({ ids, onClose }: { ids: string[]; onClose(): void }) {
  const { t } = useTranslation();
  const [pattern, setPattern] = useState('{商家编码}_主图_{序号}.jpg');
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    try {
      const r = await api.art.libraryExportFiles({ ids, pattern });
      onClose();
      if (!r.cancelled)
        ui().notification.success({
          title: t('library.exportFilesDone'),
          description: t('library.exportFilesWhere', {
            count: r.files.length,
            folder: r.folder,
            first: r.files[0] ?? '',
          }),
          duration: 8,
          props: { 'data-testid': 'art-export-files-result' },
        });
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={t('library.exportFilesTitle', { count: ids.length })}
      onCancel={onClose}
      onOk={submit}
      okText={t('library.chooseFolder')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'art-export-files-ok' } as never}
    >
      <Typography.Paragraph>{t('library.patternHelp')}</Typography.Paragraph>
      <Input
        value={pattern}
        onChange={(e) => setPattern(e.target.value)}
        data-testid="art-export-pattern"
        aria-label={t('library.pattern')}
      />
      <Space wrap style={{ marginTop: 8 }}>
        {NAME_TOKENS.map((tok) => (
          <Tag key={tok} style={{ cursor: 'pointer' }} onClick={() => setPattern((p) => p + tok)}>
            {tok}
          </Tag>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('library.patternNote')}
      </Typography.Paragraph>
    </Modal>
  );
}
