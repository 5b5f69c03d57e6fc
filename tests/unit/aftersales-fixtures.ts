// 退款报表 files for the after-sales tests, written here by hand (never downloaded): the legacy
// CSV (any encoding, with the quirks) and the current xlsx. The orders are service-fixtures'.
import * as XLSX from '@e965/xlsx';
import { encode, type Enc } from './service-fixtures';

export const REFUND_HEADER = [
  '订单编号',
  '退款编号',
  '支付宝交易号',
  '订单付款时间',
  '商品id',
  '商家编码 ', // trailing space, as some exports have it
  '退款完结时间',
  '买家会员名称',
  '买家实际支付金额',
  '宝贝标题',
  '买家退款金额',
  '手工退款/系统退款',
  '是否需要退货',
  '售后类型',
  '退款的申请时间',
  '超时时间',
  '退款状态',
  '货物状态',
  '退货物流单号',
  '退货物流公司',
  '买家退款原因',
  '买家退款说明',
  '售中或售后',
];

export interface RefundRow {
  orderNo: string;
  refundNo: string;
  code: string;
  member: string;
  paid: string;
  refund: string;
  needReturn: '是' | '否';
  kind: string;
  appliedAt: string;
  dueAt: string;
  status: string;
  reason: string;
  finishedAt?: string;
  tracking?: string;
}

/** Two refunds on service-fixtures' orders: a 退货退款 waiting for the goods, a closed 仅退款. */
export const REFUNDS: RefundRow[] = [
  {
    orderNo: '2456781234567890123',
    refundNo: '88012345678901234',
    code: 'TX001-WH-L',
    member: '阿强的店',
    paid: '67.00元',
    refund: '59.00元',
    needReturn: '是',
    kind: '退货退款',
    appliedAt: '2026-11-27 10:00:00',
    dueAt: '2026-12-04 10:00:00',
    status: '卖家已经同意退款，等待买家退货',
    reason: '尺码不合适',
    tracking: '="YT1234567890"',
  },
  {
    orderNo: '3012345678901234',
    refundNo: '88012345678905678',
    code: '',
    member: '小鹿乱撞2019',
    paid: '35.50',
    refund: '无退款申请',
    needReturn: '否',
    kind: '仅退款',
    appliedAt: '2026-11-26 09:00:00',
    dueAt: '',
    status: '退款关闭',
    reason: '不想要了',
    finishedAt: '2026-11-26 12:00:00',
  },
];

function row(r: RefundRow): string[] {
  return [
    `="${r.orderNo}"`,
    `="${r.refundNo}"`,
    '="2026112622001100000000000001"',
    '2026-11-26 20:03:10',
    '="600000000001"',
    r.code,
    r.finishedAt ?? '',
    r.member,
    r.paid,
    '纯棉圆领短袖T恤 男款',
    r.refund,
    '系统退款',
    r.needReturn,
    r.kind,
    r.appliedAt,
    r.dueAt,
    r.status,
    '买家已收到货',
    r.tracking ?? '',
    r.tracking ? '圆通速递' : '',
    r.reason,
    '颜色和图片不一样，申请退货',
    '售后退款',
  ];
}

function csvText(rows: string[][]): string {
  const cell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function refundCsv(enc: Enc, rows = REFUNDS, header = REFUND_HEADER): Buffer {
  return encode(csvText([header, ...rows.map(row)]), enc);
}

/** The current export: one sheet, ids as text, money as numbers. */
export function refundXlsx(rows = REFUNDS): Buffer {
  const header = REFUND_HEADER.map((h) => h.trim()).map((h) =>
    h === '买家实际支付金额' ? '买家实付金额' : h,
  );
  const body = rows.map((r) =>
    row(r).map((c, i) => {
      const h = header[i]!;
      const m = /^="(.*)"$/.exec(c);
      if (m) return m[1]!;
      if ((h === '买家实付金额' || h === '买家退款金额') && /^[\d.]+元?$/.test(c))
        return Number(c.replace('元', ''));
      return c;
    }),
  );
  const ws = XLSX.utils.aoa_to_sheet([header, ...body]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '退款报表');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
