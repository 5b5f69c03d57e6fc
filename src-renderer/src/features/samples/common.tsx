import { Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LoanRow, LoanStatus } from '../../../../src-main/api/contract-samples';

export const LOAN_STATUS_COLOR: Record<LoanStatus, string> = {
  requested: 'gold',
  out: 'blue',
  closed: 'green',
  cancelled: 'default',
};

/** 待发出 / 借出中 / 已归还 / 已取消, and 逾期 in red when out past the expected return date. */
export function LoanStatusTags({ loan }: { loan: Pick<LoanRow, 'status' | 'overdue' | 'number'> }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={LOAN_STATUS_COLOR[loan.status]} data-testid={`samples-status-${loan.number}`}>
        {t(`samples.status.${loan.status}`)}
      </Tag>
      {loan.overdue && (
        <Tag color="red" data-testid={`samples-overdue-${loan.number}`}>
          {t('samples.overdue')}
        </Tag>
      )}
    </Space>
  );
}

/** "TX001-WH-L ×3、TX001-BK-XL ×1" */
export function linesSummary(loan: Pick<LoanRow, 'lines'>): string {
  return loan.lines.map((l) => `${l.code} ×${l.quantity}`).join('、');
}

/** The 商家编码 and product columns every samples table starts with (loan lines, return, task SKUs). */
export function skuColumns<R extends { code: string; title: string; spec: string }>(
  t: TFunction,
): TableColumnsType<R> {
  return [
    {
      title: t('samples.col.code'),
      dataIndex: 'code',
      render: (v: string) => (
        <span className="num" style={{ whiteSpace: 'nowrap' }}>
          {v}
        </span>
      ),
    },
    {
      title: t('samples.col.product'),
      render: (_, r) => (
        <span>
          {r.title}
          {r.spec && <Typography.Text type="secondary"> · {r.spec}</Typography.Text>}
        </span>
      ),
    },
  ];
}
