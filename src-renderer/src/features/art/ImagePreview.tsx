// The large preview of one library image: the picture, its metadata and rule flags, and its
// use, status, version stage and parent (the version chain), tags, linked SKUs and tasks.
import { Alert, Button, Descriptions, Drawer, Input, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMAGE_STAGES,
  IMAGE_STATUSES,
  IMAGE_USES,
  type ImageUse,
  type LibraryImage,
  type LibraryImageRow,
  type LibraryUpdateInput,
} from '../../../../src-main/api/contract-art';
import { api, reportError } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { SkuSelect } from '../warehouse/pickers';
import { formatBytes, previewSrc } from './common';

export function ImagePreview({
  id,
  onClose,
  onChanged,
  onOpen,
}: {
  id: string;
  onClose(): void;
  onChanged(): void;
  onOpen(id: string): void;
}) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canEdit = useCan('art.library');
  const [img, setImg] = useState<LibraryImage | null>(null);
  const [parents, setParents] = useState<LibraryImageRow[]>([]);
  const [newTag, setNewTag] = useState('');

  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    api.art
      .libraryGet({ id })
      .then((found) => {
        if (live) setImg(found);
      })
      .catch((e: unknown) => reportError(e));
    return () => {
      live = false;
    };
  }, [id, reloads]);

  async function update(patch: Omit<LibraryUpdateInput, 'ids'>) {
    try {
      await api.art.libraryUpdate({ ids: [id], ...patch });
      load();
      onChanged();
    } catch (e) {
      reportError(e);
    }
  }

  async function searchParents(q: string) {
    try {
      const page = await api.art.libraryList({ filter: { q: q.trim() }, limit: 30 });
      setParents(page.rows.filter((r) => r.id !== id));
    } catch {
      setParents([]);
    }
  }

  const src = img ? previewSrc(img) : null;
  const editable = canEdit && img !== null && !img.trashed;
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={img?.fileName ?? t('common.loading')}
      data-testid="art-preview"
    >
      {img && (
        <>
          <div className="art-preview__img">
            {src ? (
              <img src={src} alt={img.fileName} data-testid="art-preview-img" />
            ) : (
              <Typography.Text type="secondary">{t('library.noPreview')}</Typography.Text>
            )}
          </div>
          {img.flags.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ margin: '12px 0' }}
              message={t('library.flagged')}
              description={img.flags.map((f) => t(`library.flags.${f}`)).join('；')}
              data-testid="art-preview-flags"
            />
          )}
          {img.trashed && (
            <Alert type="info" showIcon style={{ margin: '12px 0' }} message={t('library.inTrash')} />
          )}
          <Descriptions size="small" column={2} bordered style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('library.size')}>
              <span className="num">
                {img.width}×{img.height} · {formatBytes(img.bytes)} · {img.format.toUpperCase()}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('library.takenAt')}>
              {formatDateTime(img.takenAt, timeZone) || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('library.folder')}>{img.folder || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('library.importedAt')}>
              {formatDateTime(img.importedAt, timeZone)}
            </Descriptions.Item>
          </Descriptions>
          <div className="art-preview__fields">
            <label>
              {t('library.use')}
              <Select<ImageUse | 'none'>
                disabled={!editable}
                value={img.use ?? 'none'}
                onChange={(v) => void update({ use: v })}
                options={[
                  ...IMAGE_USES.map((u) => ({ value: u, label: t(`library.uses.${u}`) })),
                  { value: 'none', label: t('library.uses.none') },
                ]}
                data-testid="art-preview-use"
              />
            </label>
            <label>
              {t('library.status')}
              <Select
                disabled={!editable}
                value={img.status}
                onChange={(v) => void update({ status: v })}
                options={IMAGE_STATUSES.map((s) => ({ value: s, label: t(`library.statuses.${s}`) }))}
              />
            </label>
            <label>
              {t('library.stage')}
              <Select
                disabled={!editable}
                value={img.stage}
                onChange={(v) => void update({ stage: v })}
                options={IMAGE_STAGES.map((s) => ({ value: s, label: t(`library.stages.${s}`) }))}
                data-testid="art-preview-stage"
              />
            </label>
            <label>
              {t('library.parent')}
              <Select
                disabled={!editable}
                allowClear
                value={img.parentId ?? undefined}
                placeholder={t('library.parentPlaceholder')}
                showSearch={{ filterOption: false, onSearch: (q) => void searchParents(q) }}
                onOpenChange={(o) => o && void searchParents('')}
                onChange={(v) =>
                  void update({
                    parentId: v ?? null,
                    ...(v && img.stage === 'original' ? { stage: 'retouched' as const } : {}),
                  })
                }
                options={[
                  ...(img.parentId && !parents.some((p) => p.id === img.parentId)
                    ? [
                        {
                          value: img.parentId,
                          label: img.chain.find((c) => c.id === img.parentId)?.fileName ?? '',
                        },
                      ]
                    : []),
                  ...parents.map((p) => ({ value: p.id, label: p.fileName })),
                ]}
                data-testid="art-preview-parent"
              />
            </label>
          </div>
          <Typography.Title level={5}>{t('library.chain')}</Typography.Title>
          <div className="art-chain" data-testid="art-preview-chain">
            {img.chain.map((c, i) => (
              <Space key={c.id} size={4}>
                {i > 0 && <span aria-hidden>→</span>}
                <Button
                  size="small"
                  type={c.id === img.id ? 'primary' : 'default'}
                  onClick={() => onOpen(c.id)}
                >
                  {t(`library.stages.${c.stage}`)} · {c.fileName}
                </Button>
              </Space>
            ))}
          </div>
          <Typography.Title level={5}>{t('library.tags')}</Typography.Title>
          <Space wrap>
            {img.tags.map((tag) => (
              <Tag key={tag} closable={editable} onClose={() => void update({ removeTags: [tag] })}>
                {tag}
              </Tag>
            ))}
            {editable && (
              <Input
                size="small"
                style={{ width: 180 }}
                placeholder={t('library.addTagPlaceholder')}
                value={newTag}
                onChange={(e) => setNewTag(e.target.value)}
                onPressEnter={() => {
                  if (newTag.trim()) void update({ addTags: [newTag.trim()] });
                  setNewTag('');
                }}
                data-testid="art-preview-tag"
              />
            )}
          </Space>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('library.skus')}
          </Typography.Title>
          <Space wrap>
            {img.skus.map((s) => (
              <Tag key={s.id} closable={editable} onClose={() => void update({ removeSkuIds: [s.id] })}>
                <span className="num">{s.code}</span> {s.title}
              </Tag>
            ))}
            {editable && (
              <SkuSelect
                size="small"
                style={{ width: 260 }}
                value={undefined}
                placeholder={t('library.linkSku')}
                onChange={(v) => v && void update({ addSkuIds: [v] })}
              />
            )}
          </Space>
          {img.tasks.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('library.tasks')}
              </Typography.Title>
              <ul className="art-report">
                {img.tasks.map((x) => (
                  <li key={x.id}>
                    <span className="num">{x.number}</span> {x.title}（{t(`tasks.status.${x.status}`)}）
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
