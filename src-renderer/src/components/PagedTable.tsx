// The list pages' table, paged from main: rows open on click or Enter (keyboard-friendly), an empty
// state once the first page has come back, and the shop's page sizes with a total.
import { Empty, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props<R> {
  testId: string;
  columns: TableProps<R>['columns'];
  /** The current page from main; null until the first answer. */
  page: { rows: R[]; total: number } | null;
  loading?: boolean;
  scrollX: number;
  /** What the empty table says (e.g. "no match" when filters are on). */
  empty: ReactNode;
  offset: number;
  limit: number;
  onPage(offset: number, limit: number): void;
  onOpen(row: R): void;
  rowTestId(row: R): string;
}

export function PagedTable<R extends { id: string }>(p: Props<R>) {
  const { t } = useTranslation();
  return (
    <Table<R>
      data-testid={p.testId}
      size="middle"
      rowKey="id"
      columns={p.columns}
      dataSource={p.page?.rows ?? []}
      loading={p.loading}
      scroll={{ x: p.scrollX }}
      locale={{
        emptyText: p.page ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={p.empty} /> : <span />,
      }}
      rowClassName={() => 'wh-row'}
      onRow={(r) => ({
        onClick: () => p.onOpen(r),
        onKeyDown: (e) => {
          if (e.key === 'Enter') p.onOpen(r);
        },
        tabIndex: 0,
        'data-testid': p.rowTestId(r),
      })}
      pagination={{
        current: Math.floor(p.offset / p.limit) + 1,
        pageSize: p.limit,
        total: p.page?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        showTotal: (n) => t('common.total', { count: n }),
        onChange: (page, size) => p.onPage((page - 1) * size, size),
      }}
    />
  );
}
