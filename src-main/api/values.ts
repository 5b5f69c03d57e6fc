// Value lists that the contract validates and the renderer shows. Pure and dependency-free, so
// the renderer imports them at run time (it imports only types from contract.ts).

export const BIN_KINDS = ['normal', 'defects'] as const;
export type BinKind = (typeof BIN_KINDS)[number];

/** 采购入库, 退货入库, 其他入库, 销售出库, 其他出库, 调拨 — in the order a warehouse lists them. */
export const DOC_TYPES = [
  'purchase_in',
  'return_in',
  'other_in',
  'sales_out',
  'other_out',
  'transfer',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

/** 物流公司 offered for a shipment (free text is allowed too). */
export const CARRIERS = [
  '顺丰速运',
  '中通快递',
  '圆通速递',
  '申通快递',
  '韵达快递',
  '极兔速递',
  '邮政EMS',
  '京东物流',
] as const;
// Stocktakes (盘点): 月度盘点, 年终盘点, 临时盘点, 抽查; and how far one reaches.
export const STOCKTAKE_KINDS = ['monthly', 'year_end', 'ad_hoc', 'spot'] as const;
export type StocktakeKind = (typeof STOCKTAKE_KINDS)[number];
export const STOCKTAKE_SCOPES = ['all', 'bins', 'skus', 'sample'] as const;
export type StocktakeScope = (typeof STOCKTAKE_SCOPES)[number];
export const STOCKTAKE_STATUSES = ['counting', 'approved', 'cancelled'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];
