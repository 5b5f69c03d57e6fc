// 上架准备: every product's listing checklist (main images, SKU images, detail page, stock, CS
// product knowledge), computed in main; the store manager (or director) marks a product listed —
// with a reason when items are missing — or delisted. Listing drives the low-stock alerts.
import {
  CheckCircleFilled,
  CloseCircleOutlined,
  CloudDownloadOutlined,
  CloudUploadOutlined,
  ReloadOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { Alert, Button, Empty, Input, Modal, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  READINESS_ITEMS,
  READINESS_STATES,
  type CheckState,
  type ReadinessItem,
  type ReadinessRow,
  type ReadinessState,
} from '../../../../src-main/api/contract-art';
import { api, errorText, isFailure, reportError, ui } from '../../api';
import { useDebounce } from '../../components/useDebounce';
import { formatShort } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import './readiness.css';

function Check({ state, detail, testId }: { state: CheckState; detail?: string; testId: string }) {
  const { t } = useTranslation();
  const ok = state === 'done';
  return (
    <span
      className={ok ? 'rd-check rd-check--ok' : 'rd-check rd-check--missing'}
      data-testid={testId}
      data-state={state}
      aria-label={ok ? t('art.readiness.done') : t('art.readiness.missing')}
    >
      {ok ? <CheckCircleFilled /> : <CloseCircleOutlined />}
      {detail && <span className="rd-check__detail">{detail}</span>}
    </span>
  );
}

export function ReadinessPage() {
  const { t } = useTranslation();
  const canMark = useCan('catalog.list');
  const timeZone = useSession((s) => s.timeZone);
  const [state, setState] = useState<ReadinessState>('all');
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const debounce = useDebounce(250);
  const [rows, setRows] = useState<ReadinessRow[]>([]);
  const [counts, setCounts] = useState<Record<ReadinessState, number> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [marking, setMarking] = useState<ReadinessRow | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    return api.art
      .readinessList({ filter: { state, q }, limit: 500 })
      .then(
        (r) => {
          setRows(r.rows);
          setCounts(r.counts);
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      )
      .finally(() => setLoading(false));
  }, [state, q]);
  useEffect(() => {
    void load();
  }, [load]);

  const itemName = (k: ReadinessItem) => t(`art.readiness.items.${k}`);

  async function mark(row: ReadinessRow, listed: boolean) {
    setBusy(true);
    try {
      await api.art.readinessMark({
        productId: row.productId,
        listed,
        overrideReason: reason,
        expectedVersion: row.version,
      });
      ui().message.success(
        t(listed ? 'art.readiness.listedDone' : 'art.readiness.delistedDone', { title: row.title }),
      );
      setMarking(null);
      setReason('');
      await load();
    } catch (e) {
      if (isFailure(e, 'CONFLICT', 'notReady')) {
        const items = String(e.error.params?.items ?? '')
          .split(',')
          .filter(Boolean)
          .map((k) => itemName(k as ReadinessItem))
          .join('、');
        ui().message.error(t('art.readiness.refused', { items }));
        await load();
      } else reportError(e);
    } finally {
      setBusy(false);
    }
  }

  const columns: TableProps<ReadinessRow>['columns'] = [
    {
      key: 'product',
      title: t('art.readiness.product'),
      render: (_: unknown, r) => (
        <div className="rd-product">
          <Typography.Text strong>{r.title}</Typography.Text>
          <Typography.Text type="secondary" className="rd-product__codes">
            {[r.styleCode, ...r.skuCodes].filter(Boolean).join(' · ') || t('art.readiness.noSkus')}
          </Typography.Text>
        </div>
      ),
    },
    ...READINESS_ITEMS.map((k) => ({
      key: k,
      title: itemName(k),
      width: k === 'knowledge' ? 110 : 92,
      align: 'center' as const,
      render: (_: unknown, r: ReadinessRow) => (
        <Check
          state={r.items[k]}
          testId={`rd-${r.title}-${k}`}
          detail={
            k === 'mainImages'
              ? t('art.readiness.count', { n: r.mainImageCount })
              : k === 'skuImages'
                ? `${r.skusWithImage}/${r.skuCount}`
                : k === 'stock'
                  ? t('art.readiness.pieces', { n: r.onHand })
                  : undefined
          }
        />
      ),
    })),
    {
      key: 'state',
      title: t('art.readiness.stateCol'),
      width: 120,
      render: (_: unknown, r) => (
        <Space direction="vertical" size={0}>
          {r.listed ? (
            <Space size={4}>
              <Tag color="success" data-testid={`rd-${r.title}-state`}>
                {t('art.readiness.states.listed')}
              </Tag>
              {r.lastMark?.listed && r.lastMark.overrideReason && (
                <Tooltip title={t('art.readiness.overrideWas', { reason: r.lastMark.overrideReason })}>
                  <Tag color="orange" data-testid={`rd-${r.title}-override`}>
                    {t('art.readiness.overridden')}
                  </Tag>
                </Tooltip>
              )}
            </Space>
          ) : r.ready ? (
            <Tag color="processing" data-testid={`rd-${r.title}-state`}>
              {t('art.readiness.states.ready')}
            </Tag>
          ) : (
            <Tag color="warning" data-testid={`rd-${r.title}-state`}>
              {t('art.readiness.missingCount', { n: r.missing.length })}
            </Tag>
          )}
          {r.lastMark && (
            <Tooltip
              title={
                r.lastMark.overrideReason
                  ? t('art.readiness.overrideWas', { reason: r.lastMark.overrideReason })
                  : undefined
              }
            >
              <Typography.Text type="secondary" className="rd-last">
                {t(r.lastMark.listed ? 'art.readiness.lastListed' : 'art.readiness.lastDelisted', {
                  who: r.lastMark.staffName ?? '—',
                  at: formatShort(r.lastMark.at, timeZone),
                })}
              </Typography.Text>
            </Tooltip>
          )}
        </Space>
      ),
    },
    ...(canMark
      ? [
          {
            key: 'action',
            title: '',
            width: 110,
            render: (_: unknown, r: ReadinessRow) =>
              r.listed ? (
                <Button
                  size="small"
                  icon={<CloudDownloadOutlined />}
                  onClick={() => {
                    setReason('');
                    setMarking(r);
                  }}
                  data-testid={`rd-${r.title}-delist`}
                >
                  {t('art.readiness.delist')}
                </Button>
              ) : (
                <Button
                  size="small"
                  type={r.ready ? 'primary' : 'default'}
                  icon={<CloudUploadOutlined />}
                  onClick={() => {
                    setReason('');
                    setMarking(r);
                  }}
                  data-testid={`rd-${r.title}-list`}
                >
                  {t('art.readiness.list')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const listing = marking && !marking.listed;
  const needsReason = !!listing && marking.missing.length > 0;

  return (
    <div className="wh-page" data-testid="readiness-page">
      <div className="toolbar">
        <Segmented<ReadinessState>
          value={state}
          onChange={setState}
          options={READINESS_STATES.map((s) => ({
            value: s,
            label: `${t(`art.readiness.states.${s}`)}${counts ? ` ${counts[s]}` : ''}`,
          }))}
          data-testid="rd-state"
        />
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('art.readiness.search')}
          value={text}
          onChange={(e) => {
            const v = e.target.value;
            setText(v);
            debounce.schedule(() => setQ(v.trim()));
          }}
          onPressEnter={() => {
            debounce.cancel();
            setQ(text.trim());
          }}
          style={{ width: 260 }}
          aria-label={t('art.readiness.search')}
          data-testid="rd-search"
        />
        <span className="toolbar__spacer" />
        <Button icon={<ReloadOutlined />} onClick={() => void load()} data-testid="rd-reload">
          {t('art.readiness.reload')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('art.readiness.hint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Table<ReadinessRow>
        size="small"
        rowKey="productId"
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 960 }}
        onRow={(r) => ({ 'data-testid': `rd-row-${r.title}` }) as React.HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('art.readiness.empty')} />,
        }}
      />
      <Modal
        open={!!marking}
        title={
          marking
            ? t(listing ? 'art.readiness.listTitle' : 'art.readiness.delistTitle', { title: marking.title })
            : ''
        }
        onCancel={() => setMarking(null)}
        okText={
          listing
            ? t(needsReason ? 'art.readiness.listAnyway' : 'art.readiness.list')
            : t('art.readiness.delist')
        }
        cancelText={t('common.cancel')}
        okButtonProps={
          {
            disabled: needsReason && !reason.trim(),
            loading: busy,
            danger: needsReason || !listing,
            'data-testid': 'rd-confirm',
          } as React.ComponentProps<typeof Button>
        }
        onOk={() => marking && void mark(marking, !marking.listed)}
        destroyOnHidden
      >
        {marking && listing && !needsReason && <p>{t('art.readiness.listReady')}</p>}
        {marking && needsReason && (
          <>
            <Alert
              type="warning"
              showIcon
              title={t('art.readiness.notReadyTitle')}
              description={
                <ul className="rd-missing" data-testid="rd-missing">
                  {marking.missing.map((k) => (
                    <li key={k}>{itemName(k)}</li>
                  ))}
                </ul>
              }
              style={{ marginBottom: 12 }}
            />
            <Typography.Text>{t('art.readiness.reasonLabel')}</Typography.Text>
            <Input.TextArea
              autoFocus
              maxLength={200}
              autoSize={{ minRows: 2, maxRows: 4 }}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('art.readiness.reasonPlaceholder')}
              aria-label={t('art.readiness.reasonLabel')}
              data-testid="rd-reason"
            />
          </>
        )}
        {marking && !listing && <p>{t('art.readiness.delistBody')}</p>}
      </Modal>
    </div>
  );
}
