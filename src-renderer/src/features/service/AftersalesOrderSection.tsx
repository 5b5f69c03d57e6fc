import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRow } from '../../../../src-main/api/contract-aftersales';
import { formatYuan } from '../../../../src-main/lib/money';
import { api } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useCan, useSession } from '../../stores/session';
import { CASE_STATUS_COLOR, CASE_TYPE_COLOR, useAftersalesUi } from './AftersalesState';
import { useServiceUi } from './state';

/** On the order page: the order's after-sales cases and 登记售后. */
export function AftersalesOrderSection({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const canRead = useCan('aftersales.read');
  const canWrite = useCan('aftersales.write');
  const version = useServiceUi((s) => s.version);
  const { openCase, openCreate } = useAftersalesUi.getState();
  const [rows, setRows] = useState<CaseRow[] | null>(null);

  useEffect(() => {
    if (!canRead) return;
    let live = true;
    api.aftersales
      .list({ filter: { orderId, overdue: false, q: '' }, offset: 0, limit: 50 })
      .then((p) => live && setRows(p.rows))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [orderId, version, canRead]);

  if (!canRead) return null;
  return (
    <Card
      size="small"
      title={t('aftersales.orderSection.title')}
      data-testid="as-order-section"
      extra={
        canWrite && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => openCreate(orderId)}
            data-testid="as-order-new"
          >
            {t('aftersales.orderSection.new')}
          </Button>
        )
      }
    >
      {rows && rows.length ? (
        <Table<CaseRow>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={rows}
          rowClassName={() => 'wh-row'}
          onRow={(r) => ({ onClick: () => openCase(r.id), 'data-testid': `as-order-case-${r.caseNo}` })}
          columns={[
            {
              key: 'no',
              title: t('aftersales.fields.caseNo'),
              render: (_, r) => <span className="num">{r.caseNo}</span>,
            },
            {
              key: 'type',
              title: t('aftersales.fields.type'),
              width: 110,
              render: (_, r) => <Tag color={CASE_TYPE_COLOR[r.type]}>{t(`aftersales.types.${r.type}`)}</Tag>,
            },
            {
              key: 'status',
              title: t('aftersales.fields.status'),
              width: 110,
              render: (_, r) => (
                <Tag color={CASE_STATUS_COLOR[r.status]}>{t(`aftersales.statuses.${r.status}`)}</Tag>
              ),
            },
            {
              key: 'refund',
              title: t('aftersales.fields.refund'),
              width: 80,
              align: 'right',
              render: (_, r) => <span className="num">{formatYuan(r.refundFen)}</span>,
            },
            {
              key: 'at',
              title: t('aftersales.fields.openedAt'),
              width: 140,
              render: (_, r) => formatDateTime(r.openedAt, timeZone),
            },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('aftersales.orderSection.none')} />
      )}
    </Card>
  );
}
