// Taobao export files for the order-import tests, written here by hand (never downloaded):
// the legacy 订单报表 + 宝贝报表 CSV pair and the current xlsx with its two sheets.
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';

export const ORDER_HEADER = [
  '订单编号',
  '买家会员名',
  '买家支付宝账号',
  '买家应付货款',
  '买家应付邮费',
  '总金额',
  '买家实际支付金额',
  '订单状态',
  '买家留言',
  '收货人姓名',
  '收货地址 ', // trailing space, as some exports have it
  '联系电话',
  '联系手机',
  '订单创建时间',
  '订单付款时间 ',
  '宝贝标题',
  '宝贝种类',
  '物流单号',
  '物流公司',
  '订单备注',
  '宝贝总数量',
  '订单关闭原因',
  '退款金额',
];

export interface SampleOrder {
  no: string;
  member: string;
  status: string;
  goods: string;
  postage: string;
  paid: string;
  name: string;
  address: string;
  mobile: string;
  created: string;
  paidAt: string;
  tracking?: string;
  carrier?: string;
  note?: string;
  count: number;
  refund?: string;
}

/** Three orders: unpaid, paid (full-width comma), shipped (half-width comma, 元 amounts). */
export const ORDERS: SampleOrder[] = [
  {
    no: '1930679858170647',
    member: '小鹿乱撞2019',
    status: '等待买家付款',
    goods: '118.00',
    postage: '0.00',
    paid: '0.00',
    name: '王小丽',
    address: '浙江省 杭州市 西湖区 文三路 100号(310012)',
    mobile: "'18618486065",
    created: '2026-11-27 09:15:02',
    paidAt: '',
    count: 2,
    refund: '无退款申请',
  },
  {
    no: '2456781234567890123',
    member: '阿强的店',
    status: '买家已付款，等待卖家发货',
    goods: '59.00',
    postage: '8.00',
    paid: '67.00',
    name: '李强',
    address: '广东省 深圳市 南山区 科技园 8栋(518057)',
    mobile: "'13912345678",
    created: '2026-11-26 20:01:00',
    paidAt: '2026-11-26 20:03:10',
    note: '送小样',
    count: 1,
  },
  {
    no: '3012345678901234',
    member: '小鹿乱撞2019',
    status: '卖家已发货,等待买家确认',
    goods: '35.50元',
    postage: '0.00元',
    paid: '35.50元',
    name: '王小丽',
    address: '浙江省 杭州市 西湖区 文三路 100号(310012)',
    mobile: "'18618486065",
    created: '2026-11-20 10:00:00',
    paidAt: '2026-11-20 10:05:00',
    tracking: '="773012345678901"',
    carrier: '中通快递',
    count: 1,
  },
];

function orderRow(o: SampleOrder): string[] {
  return [
    `="${o.no}"`,
    o.member,
    'wang***@163.com',
    o.goods,
    o.postage,
    o.goods,
    o.paid,
    o.status,
    '',
    o.name,
    o.address,
    '',
    o.mobile,
    o.created,
    o.paidAt,
    '宝贝',
    '1',
    o.tracking ?? '',
    o.carrier ?? '',
    o.note ?? '',
    String(o.count),
    '订单未关闭',
    o.refund ?? '0.00',
  ];
}

export const LINE_HEADER = [
  '订单编号',
  '标题',
  '价格',
  '购买数量',
  '外部系统编号',
  '商品属性',
  '套餐信息',
  '备注',
  '订单状态',
  '商家编码',
];
export const LINES: string[][] = [
  [
    '="1930679858170647"',
    '纯棉圆领短袖T恤 男款',
    '59.00',
    '1',
    '',
    '颜色分类:白色;尺码:L',
    '',
    '',
    '等待买家付款',
    'TX001-WH-L',
  ],
  [
    '="1930679858170647"',
    '纯棉圆领短袖T恤 男款',
    '59.00',
    '1',
    '',
    '颜色分类:黑色;尺码:XL',
    '',
    '',
    '等待买家付款',
    'NOPE-404',
  ],
  [
    '="2456781234567890123"',
    '纯棉圆领短袖T恤 男款',
    '59.00',
    '1',
    '',
    '颜色分类:白色;尺码:L',
    '',
    '',
    '买家已付款，等待卖家发货',
    'TX001-WH-L',
  ],
  ['="3012345678901234"', '帆布袋', '35.50', '1', '', '', '', '', '卖家已发货，等待买家确认', ''],
];

function csvText(rows: string[][]): string {
  const cell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export type Enc = 'gbk' | 'gb18030' | 'utf8' | 'utf8bom';
export function encode(text: string, enc: Enc): Buffer {
  if (enc === 'utf8') return Buffer.from(text, 'utf8');
  if (enc === 'utf8bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  return iconv.encode(text, enc);
}

export function orderCsv(enc: Enc, orders = ORDERS, header = ORDER_HEADER): Buffer {
  return encode(csvText([header, ...orders.map(orderRow)]), enc);
}
export function lineCsv(enc: Enc, lines = LINES): Buffer {
  return encode(csvText([LINE_HEADER, ...lines]), enc);
}

export const b64 = (b: Buffer) => b.toString('base64');

/**
 * The current 千牛 xlsx: an order sheet and an order-line sheet with renamed columns
 * (买家实付金额, 商品标题, 商家备注, 主/子订单编号), and without the privacy columns
 * (买家会员名, 收货人姓名, 联系手机) when `privacy` is set. Ids are text cells.
 */
export function orderXlsx(opts: { privacy?: boolean } = {}): Buffer {
  const orderHeader = [
    '订单编号',
    ...(opts.privacy ? [] : ['买家会员名']),
    '买家应付货款',
    '买家应付邮费',
    '总金额',
    '买家实付金额',
    '订单状态',
    ...(opts.privacy ? [] : ['收货人姓名', '联系手机']),
    '收货地址',
    '订单创建时间',
    '订单付款时间',
    '商家备注',
    '发货时间',
  ];
  const orders = [
    [
      '4100000000000000001',
      'xlsx买家甲',
      99.5,
      0,
      99.5,
      99.5,
      '买家已付款，等待卖家发货',
      '赵六',
      "'13700001111",
      '北京市 朝阳区',
      '2026-11-25 08:00:00',
      '2026-11-25 08:01:00',
      '加急',
      '',
    ],
    [
      '4100000000000000002',
      'xlsx买家乙',
      20,
      5,
      25,
      0,
      '等待买家付款',
      '钱七',
      "'13700002222",
      '上海市 浦东新区',
      '2026-11-27 11:11:11',
      '',
      '',
      '',
    ],
  ].map((r) => (opts.privacy ? [r[0], r[2], r[3], r[4], r[5], r[6], r[9], r[10], r[11], r[12], r[13]] : r));
  const lineHeader = [
    '子订单编号',
    '主订单编号',
    '商品ID',
    '商品标题',
    '购买数量',
    '商品价格',
    '商品属性',
    '订单状态',
    '支付单号',
    '买家实付金额',
    '退款状态',
    '退款金额',
    '订单创建时间',
    '订单付款时间',
    '商家编码',
    '物流单号',
    '物流公司',
  ];
  const lines = [
    [
      '4100000000000000101',
      '4100000000000000001',
      '6001',
      '纯棉圆领短袖T恤 男款',
      1,
      59,
      '颜色分类:白色;尺码:L',
      '买家已付款，等待卖家发货',
      '2026112522001',
      59,
      '',
      0,
      '2026-11-25 08:00:00',
      '2026-11-25 08:01:00',
      'TX001-WH-L',
      'SF1234567890',
      '顺丰速运',
    ],
    [
      '4100000000000000102',
      '4100000000000000001',
      '6002',
      '帆布袋',
      1,
      40.5,
      '',
      '买家已付款，等待卖家发货',
      '2026112522001',
      40.5,
      '',
      0,
      '2026-11-25 08:00:00',
      '2026-11-25 08:01:00',
      'BAG-01',
      '',
      '',
    ],
    [
      '4100000000000000201',
      '4100000000000000002',
      '6001',
      '纯棉圆领短袖T恤 男款',
      1,
      20,
      '颜色分类:黑色;尺码:XL',
      '等待买家付款',
      '',
      0,
      '',
      0,
      '2026-11-27 11:11:11',
      '',
      'TX001-BK-XL',
      '',
      '',
    ],
  ];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([orderHeader, ...orders]), '订单');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([lineHeader, ...lines]), '宝贝');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
