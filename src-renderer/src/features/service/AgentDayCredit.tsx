import { Button, DatePicker, Empty, Select, Space, Table, Tag, Typography, type TableProps } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentOption, CreditOrder, CreditOrders } from '../../../../src-main/api/contract-agentday';
import { formatYuan } from '../../../../src-main/lib/money';
import { api, errorText, reportError, ui } from '../../api';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../stores/session';
import { shopToday } from './AgentDayStore';

/**
 * 订单归属: the orders paid on a day and whom each is credited to. Supervisors (`team`) pick any
 * agent or clear the manual credit; an agent claims an order nobody else was given.
 */
export function AgentDayCredit({ team }: { team: boolean }) {
  const { t } = useTranslation();
  const timeZone = useSession((s) => s.timeZone);
  const me = useSession((s) => s.session?.staff);
  const [day, setDay] = useState(shopToday(timeZone));
  const [data, setData] = useState<CreditOrders | null>(null);
  const [agents, setAgents] = useState<AgentOption[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [c, a] = await Promise.all([api.agentDay.creditOrders({ day }), api.agentDay.agents({})]);
      setData(c);
      setAgents(a);
      setError(null);
    } catch (e) {
      setError(() => errorText(e));
    }
  }, [day]);
  useEffect(() => {
    void load();
  }, [load]);

  async function assign(r: CreditOrder, staffId: string | null) {
    try {
      setData(await api.agentDay.assignCredit({ orderId: r.orderId, staffId, day }));
      const name = agents.find((a) => a.id === staffId)?.name ?? '';
      ui().message.success(
        staffId
          ? t('agentDay.creditSaved', { orderNo: r.orderNo, name })
          : t('agentDay.creditCleared', { orderNo: r.orderNo }),
      );
    } catch (e) {
      reportError(e);
    }
  }

  const columns: TableProps<CreditOrder>['columns'] = [
    {
      key: 'no',
      title: t('agentDay.orderNo'),
      width: 200,
      render: (_, r) => <span className="num">{r.orderNo}</span>,
    },
    { key: 'buyer', title: t('agentDay.buyer'), width: 140, ellipsis: true, dataIndex: 'memberName' },
    {
      key: 'paidAt',
      title: t('agentDay.paidAt'),
      width: 150,
      render: (_, r) => <span className="num">{formatDateTime(r.paidAt, timeZone)}</span>,
    },
    {
      key: 'paid',
      title: t('agentDay.paid'),
      width: 100,
      align: 'right',
      render: (_, r) => <span className="num">¥{formatYuan(r.paidFen)}</span>,
    },
    {
      key: 'credit',
      title: t('agentDay.creditTo'),
      width: 300,
      render: (_, r) => (
        <Space>
          {team ? (
            <Select
              style={{ width: 150 }}
              value={r.source === 'manual' ? r.staffId : null}
              placeholder={r.source === 'inquiry' ? r.staffName : t('agentDay.creditNone')}
              allowClear
              options={agents.map((a) => ({ value: a.id, label: a.name }))}
              onChange={(v: string | undefined) => void assign(r, v ?? null)}
              aria-label={t('agentDay.creditTo')}
              data-testid={`agentday-credit-select-${r.orderNo}`}
            />
          ) : (
            <span data-testid={`agentday-credit-name-${r.orderNo}`}>
              {r.staffName ?? <Typography.Text type="secondary">{t('agentDay.creditNone')}</Typography.Text>}
            </span>
          )}
          {r.source && <Tag>{t(`agentDay.creditSources.${r.source}`)}</Tag>}
          {!team && me && r.staffId !== me.id && r.source !== 'manual' && (
            <Button
              size="small"
              onClick={() => void assign(r, me.id)}
              data-testid={`agentday-claim-${r.orderNo}`}
            >
              {t('agentDay.claim')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="agentday-credit">
      <Typography.Paragraph type="secondary">{t('agentDay.creditHint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <span>{t('agentDay.creditDay')}</span>
        <DatePicker
          aria-label={t('agentDay.creditDay')}
          value={dayjs(day)}
          allowClear={false}
          onChange={(v) => v && setDay(v.format('YYYY-MM-DD'))}
          data-testid="agentday-credit-day"
        />
      </Space>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      <Table<CreditOrder>
        size="middle"
        rowKey="orderId"
        columns={columns}
        dataSource={data?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        onRow={(r) => ({ 'data-testid': `agentday-credit-row-${r.orderNo}` }) as never}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agentDay.creditEmpty')} />,
        }}
      />
    </div>
  );
}
