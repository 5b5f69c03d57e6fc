// The list pages' table, paged from main: rows open on click or Enter (keyboard-friendly) when the
// page opens them, an empty state once the first page has come back, and the shop's page sizes with a total.
import { Empty, Table, type TableProps } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { serverPagination } from './pagination';

interface Props<R> {
  testId: string;
  columns: TableProps<R>['columns'];
  /** The current page from main; null until the first answer. */
  page: { rows: R[]; total: number } | null;
  loading?: boolean;
  scrollX: number;
  /** What the empty table says (e.g. "no match" when filters are on). */
  empty: ReactNode;
  /** Shown under the empty text, e.g. a button clearing the filters. */
  emptyAction?: ReactNode;
  offset: number;
  limit: number;
  onPage(offset: number, limit: number): void;
  /** Opens a row; without it rows are not clickable. */
  onOpen?(row: R): void;
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
        emptyText: p.page ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={p.empty}>
            {p.emptyAction}
          </Empty>
        ) : (
          <span />
        ),
      }}
      rowClassName={() => (p.onOpen ? 'wh-row' : '')}
      onRow={(r) => {
        const open = p.onOpen;
        const testId = { 'data-testid': p.rowTestId(r) } as HTMLAttributes<HTMLElement>;
        if (!open) return testId;
        return {
          ...testId,
          onClick: () => open(r),
          onKeyDown: (e) => {
            if (e.key === 'Enter') open(r);
          },
          tabIndex: 0,
        };
      }}
      pagination={serverPagination(t, p.offset, p.limit, p.page?.total ?? 0, p.onPage)}
    />
  );
}
