import { Card, Empty, Space, Statistic, Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SalesReport, SalesReportRow } from '../../../../src-main/api/contract-agentday';
import { formatYuan } from '../../../../src-main/lib/money';

export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** A daily sales report: totals, then one row per agent per day (the agent column for team views). */
export function AgentDaySales({ report, team }: { report: SalesReport | null; team: boolean }) {
  const { t } = useTranslation();
  const columns: TableProps<SalesReportRow>['columns'] = [
    {
      key: 'day',
      title: t('agentDay.day'),
      width: 120,
      render: (_, r) => <span className="num">{r.day}</span>,
    },
    ...(team ? [{ key: 'agent', title: t('agentDay.agent'), width: 120, dataIndex: 'staffName' }] : []),
    { key: 'inq', title: t('agentDay.inquiries'), width: 90, align: 'right', dataIndex: 'inquiries' },
    { key: 'orders', title: t('agentDay.orders'), width: 90, align: 'right', dataIndex: 'orders' },
    {
      key: 'rev',
      title: t('agentDay.revenue'),
      width: 120,
      align: 'right',
      render: (_, r) => <span className="num">¥{formatYuan(r.revenueFen)}</span>,
    },
    {
      key: 'conv',
      title: t('agentDay.conversion'),
      width: 90,
      align: 'right',
      render: (_, r) => percent(r.conversion),
    },
    {
      key: 'fu',
      title: t('agentDay.followUps'),
      width: 100,
      align: 'right',
      dataIndex: 'followUpConversions',
    },
  ];
  const tot = report?.totals;
  return (
    <div data-testid={team ? 'agentday-team-report' : 'agentday-my-report'}>
      {tot && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space size={40} wrap data-testid="agentday-totals">
            <Statistic title={t('agentDay.inquiries')} value={tot.inquiries} />
            <Statistic title={t('agentDay.orders')} value={tot.orders} />
            <Statistic title={t('agentDay.revenue')} value={formatYuan(tot.revenueFen)} prefix="¥" />
            <Statistic title={t('agentDay.conversion')} value={percent(tot.conversion)} />
            <Statistic title={t('agentDay.followUps')} value={tot.followUpConversions} />
          </Space>
        </Card>
      )}
      <Table<SalesReportRow>
        size="middle"
        rowKey={(r) => `${r.day}-${r.staffId}`}
        columns={columns}
        dataSource={report?.rows ?? []}
        pagination={false}
        onRow={(r) => ({ 'data-testid': `agentday-report-row-${r.day}-${r.staffName}` }) as never}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('agentDay.reportEmpty')} />,
        }}
      />
    </div>
  );
}
