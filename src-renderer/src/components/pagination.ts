// Paging from main: the shop's page sizes, the total, and the offset/limit a page change asks for —
// one config for every list page whose rows come a page at a time from main.
import type { TablePaginationConfig } from 'antd';
import type { TFunction } from 'i18next';

export const PAGE_SIZES = [20, 50, 100];

export function serverPagination(
  t: TFunction,
  offset: number,
  limit: number,
  total: number,
  onPage: (offset: number, limit: number) => void,
): TablePaginationConfig {
  return {
    current: Math.floor(offset / limit) + 1,
    pageSize: limit,
    total,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { count: n }),
    onChange: (page, size) => onPage((page - 1) * size, size),
  };
}
