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
