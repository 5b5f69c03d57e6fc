import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Segmented, Table, Tag, Typography, type TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PromotionPhase, PromotionRow } from '../../../../src-main/api/contract-promotions';
import { api, errorText } from '../../api';
import { useCan } from '../../stores/session';
import { PHASE_COLOR, PromotionDrawer } from './PromotionDrawer';
import { PromotionFormModal } from './PromotionFormModal';

/** 活动: campaigns by phase; a row opens its checklist, results and summary. */
export function PromotionsPage() {
  const { t } = useTranslation();
  const canPlan = useCan('promotions.write');
  const [phase, setPhase] = useState<PromotionPhase | 'all'>('all');
  const [rows, setRows] = useState<PromotionRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    api.promotions
      .list(phase === 'all' ? {} : { phase })
      .then((r) => {
        if (!live) return;
        setRows(r);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [phase, version]);

  const columns: TableProps<PromotionRow>['columns'] = [
    {
      key: 'name',
      title: t('promotions.name'),
      ellipsis: true,
      render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text>,
    },
    {
      key: 'dates',
      title: t('promotions.dates'),
      width: 210,
      render: (_, r) => (
        <span className="num">
          {r.startDate} ~ {r.endDate}
        </span>
      ),
    },
    { key: 'offer', title: t('promotions.offer'), ellipsis: true, render: (_, r) => r.offer || '—' },
    { key: 'skus', title: t('promotions.skuCount'), width: 80, align: 'right', render: (_, r) => r.skuCount },
    {
      key: 'tasks',
      title: t('promotions.checklist'),
      width: 90,
      align: 'right',
      render: (_, r) => t('promotions.checklistProgress', { done: r.tasksDone, total: r.tasksTotal }),
    },
    {
      key: 'creative',
      title: t('promotions.creative.title'),
      width: 90,
      align: 'right',
      render: (_, r) => t('promotions.checklistProgress', { done: r.creativeDone, total: r.creativeTotal }),
    },
    {
      key: 'phase',
      title: t('orders.status'),
      width: 90,
      render: (_, r) => <Tag color={PHASE_COLOR[r.phase]}>{t(`promotions.phases.${r.phase}`)}</Tag>,
    },
  ];

  return (
    <div className="wh-page" data-testid="svc-promotions">
      <div className="toolbar">
        <Segmented
          value={phase}
          onChange={(v) => setPhase(v as PromotionPhase | 'all')}
          options={(['all', 'upcoming', 'running', 'ended'] as const).map((x) => ({
            value: x,
            label: t(`promotions.phases.${x}`),
          }))}
        />
        <span style={{ marginLeft: 'auto' }} />
        {canPlan && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="promo-new"
          >
            {t('promotions.new')}
          </Button>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Table<PromotionRow>
        data-testid="promo-table"
        size="middle"
        rowKey="id"
        columns={columns}
        dataSource={rows ?? []}
        loading={!rows && !error}
        scroll={{ x: 900 }}
        pagination={false}
        locale={{
          emptyText: rows ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('promotions.empty')} />
          ) : (
            <span />
          ),
        }}
        rowClassName={() => 'wh-row'}
        onRow={(r) => ({
          onClick: () => setOpenId(r.id),
          onKeyDown: (e) => {
            if (e.key === 'Enter') setOpenId(r.id);
          },
          tabIndex: 0,
          'data-testid': `promo-row-${r.name}`,
        })}
      />
      <PromotionFormModal
        open={creating}
        editing={null}
        onClose={() => setCreating(false)}
        onDone={(p) => {
          setVersion((v) => v + 1);
          setOpenId(p.id);
        }}
      />
      <PromotionDrawer
        id={openId}
        onClose={() => setOpenId(null)}
        onChanged={() => setVersion((v) => v + 1)}
      />
    </div>
  );
}
