// The demo shop's customer-service side: about 200 Taobao orders over the last 30 days (buyers with
// receivers, lines on the demo SKUs, the usual status mix: a few 等待买家付款 for the 催付 queue,
// paid orders waiting to ship, shipped ones with carrier and tracking, finished and closed ones),
// a handful of pre-sales inquiries (some that led to orders), one after-sales case, one negative
// review and one complaint — so every 客服 page shows something on first launch.
//
// Deterministic per seed (the shared Rng). Orders are written like the order import writes them
// (source 'taobao', status history, buyers through linkBuyer, change_log), in one transaction; the
// case, review, complaint and inquiries go through their services. Demo order numbers start with
// 58 and demo member names end in a 4-digit number, so they never meet the test fixtures' orders
// (41…, 24…, 30…) or member names.
import { caseCreateInput } from '../../src-main/api/contract-aftersales';
import { complaintInput } from '../../src-main/api/contract-complaints';
import { inquiryInput } from '../../src-main/api/contract-presales';
import { reviewCreateInput } from '../../src-main/api/contract-reviews';
import type { Store } from '../../src-main/db/store';
import { newId } from '../../src-main/lib/ids';
import { createCase } from '../../src-main/modules/service/aftersales';
import { createComplaint } from '../../src-main/modules/service/complaints';
import { linkBuyer, recordStatus } from '../../src-main/modules/service/orders';
import { createInquiry } from '../../src-main/modules/service/presales';
import { createReview } from '../../src-main/modules/service/reviews';
import type { Rng } from './shop';

const NICK_A = ['爱吃鱼的', '不爱睡觉的', '快乐的', '安静的', '会飞的', '慢吞吞的', '迷路的', '小小的'];
const NICK_B = ['猫咪', '柠檬', '小熊', '蘑菇', '橙子', '兔子', '星星', '豆包', '海盐', '年糕'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱'];
const GIVEN = ['静', '磊', '婷', '洋', '敏', '杰', '丽', '强', '芳', '军', '燕', '涛', '霞', '鹏', '欣怡'];
const PLACES = [
  '浙江省 杭州市 西湖区 文三路 90 号',
  '广东省 广州市 天河区 体育西路 103 号',
  '江苏省 南京市 鼓楼区 中山北路 28 号',
  '上海市 上海市 闵行区 七莘路 1885 弄',
  '四川省 成都市 武侯区 科华北路 65 号',
  '湖北省 武汉市 洪山区 珞喻路 129 号',
  '北京市 北京市 海淀区 中关村南大街 5 号',
  '山东省 青岛市 市南区 香港中路 76 号',
];
const MESSAGES = ['', '', '', '请尽快发货，谢谢', '不要放快递柜', '送人的，别放发票', '颜色要和图片一样哦'];
const CARRIERS = ['中通快递', '圆通速递', '韵达快递', '顺丰速运', '申通快递'];

type Status = 'wait_pay' | 'paid' | 'shipped' | 'success' | 'closed';

export function seedDemoService(
  store: Store,
  rng: Rng,
  people: { csSupervisor: string; csAgent: string },
): { orders: number; buyers: number } {
  const skus = store
    .stmt<{ id: string; code: string; spec: string; price_fen: number; title: string }>(
      `SELECT s.id, s.code, s.spec, s.price_fen, p.title FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.archived_at IS NULL AND p.archived_at IS NULL AND s.deleted_at IS NULL ORDER BY s.code`,
    )
    .all();
  if (!skus.length) return { orders: 0, buyers: 0 };

  const buyers = Array.from({ length: 90 }, (_, i) => ({
    member: `${rng.pick(NICK_A)}${rng.pick(NICK_B)}${String(1000 + ((i * 7919 + 37) % 9000)).padStart(4, '0')}`,
    name: rng.pick(SURNAMES) + rng.pick(GIVEN),
    phone: `1${rng.pick(['38', '39', '58', '59', '86', '88', '35'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`,
    address: rng.pick(PLACES),
  }));
  const now = store.now();
  const dayMs = 86_400_000;
  const count = 200;
  const created: { id: string; status: Status; buyer: (typeof buyers)[number]; lines: string[] }[] = [];

  store.tx(() => {
    const insertOrder = store.stmt(
      `INSERT INTO sales_order (id, order_no, source, buyer_id, member_name, status, goods_fen, postage_fen,
         total_fen, paid_fen, receiver_name, receiver_phone, receiver_address, buyer_message, item_count,
         close_reason, ordered_at, paid_at, carrier, tracking_no, shipped_at, created_at, created_by, updated_at, updated_by)
       VALUES (@id, @orderNo, 'taobao', @buyerId, @member, @status, @goods, @postage, @total, @paid,
         @name, @phone, @address, @message, @count, @closeReason, @orderedAt, @paidAt, @carrier, @tracking,
         @shippedAt, @orderedAt, @by, @hlc, @by)`,
    );
    const insertLine = store.stmt(
      `INSERT INTO sales_order_line (id, order_id, line_key, line_no, title, spec, sku_code, sku_id, quantity, price_fen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < count; i++) {
      // Older orders first; more orders on recent days (a growing shop), none in the last 20 minutes.
      const ageMs = Math.floor(Math.pow(rng.next(), 1.3) * 30 * dayMs) + 20 * 60_000;
      const orderedMs = now - ageMs;
      const ageDays = ageMs / dayMs;
      const status: Status =
        ageDays < 0.25 && rng.chance(0.5)
          ? 'wait_pay'
          : ageDays < 2
            ? rng.weighted<Status>([
                ['wait_pay', 1],
                ['paid', 6],
                ['shipped', 3],
              ])
            : ageDays < 8
              ? rng.weighted<Status>([
                  ['shipped', 7],
                  ['success', 2],
                  ['closed', 1],
                ])
              : rng.weighted<Status>([
                  ['success', 12],
                  ['closed', 1],
                ]);
      const buyer = rng.pick(buyers);
      const n = rng.weighted([
        [1, 6],
        [2, 3],
        [3, 1],
      ] as const);
      const chosen = new Set<number>();
      while (chosen.size < n) chosen.add(rng.int(0, skus.length - 1));
      const lines = [...chosen].map((k) => ({ s: skus[k]!, quantity: rng.chance(0.85) ? 1 : 2 }));
      const goods = lines.reduce((sum, l) => sum + l.s.price_fen * l.quantity, 0);
      const postage = goods >= 9900 || rng.chance(0.7) ? 0 : 800;
      const paidMs =
        status === 'wait_pay' || status === 'closed' ? null : orderedMs + rng.int(1, 40) * 60_000;
      const shippedMs =
        status === 'shipped' || status === 'success'
          ? (paidMs ?? orderedMs) + rng.int(3, 30) * 3_600_000
          : null;
      const iso = (ms: number | null) => (ms === null ? null : new Date(Math.min(ms, now)).toISOString());
      const hlc = store.stamp();
      const link = linkBuyer(
        store,
        null,
        buyer.member,
        { name: buyer.name, phone: buyer.phone, address: buyer.address },
        hlc,
        'import',
      );
      const id = newId();
      const orderNo = `58${String(i).padStart(4, '0')}${String(rng.int(0, 99_999_999)).padStart(8, '0')}${rng.int(10000, 99999)}`;
      const count = lines.reduce((sum, l) => sum + l.quantity, 0);
      insertOrder.run({
        id,
        orderNo,
        buyerId: link.id,
        member: buyer.member,
        status,
        goods,
        postage,
        total: goods + postage,
        paid: paidMs === null ? 0 : goods + postage,
        name: buyer.name,
        phone: buyer.phone,
        address: buyer.address,
        message: rng.pick(MESSAGES),
        count,
        closeReason: status === 'closed' ? rng.pick(['买家不想买了', '未及时付款', '拍错了']) : '',
        orderedAt: iso(orderedMs),
        paidAt: iso(paidMs),
        carrier: shippedMs === null ? null : rng.pick(CARRIERS),
        tracking:
          shippedMs === null
            ? null
            : `7${String(rng.int(0, 999_999_999)).padStart(9, '0')}${rng.int(100, 999)}`,
        shippedAt: iso(shippedMs),
        hlc,
        by: null,
      });
      const lineIds: string[] = [];
      lines.forEach((l, k) => {
        const lineId = newId();
        lineIds.push(lineId);
        insertLine.run(
          lineId,
          id,
          String(k + 1),
          k + 1,
          l.s.title,
          l.s.spec,
          l.s.code,
          l.s.id,
          l.quantity,
          l.s.price_fen,
        );
      });
      recordStatus(store, id, 'wait_pay', iso(orderedMs)!, 'import', null);
      if (paidMs !== null) recordStatus(store, id, 'paid', iso(paidMs)!, 'import', null);
      if (shippedMs !== null) recordStatus(store, id, 'shipped', iso(shippedMs)!, 'import', null);
      if (status === 'success')
        recordStatus(store, id, 'success', iso(shippedMs! + 4 * dayMs)!, 'import', null);
      if (status === 'closed') recordStatus(store, id, 'closed', iso(orderedMs + dayMs)!, 'import', null);
      store.log(
        {
          staffId: null,
          entity: 'sales_order',
          rowId: id,
          op: 'import',
          label: orderNo,
          fields: {
            member_name: { from: null, to: buyer.member },
            status: { from: null, to: status },
            total_fen: { from: null, to: goods + postage },
            lines: { from: null, to: lines.map((l) => `${l.s.code}×${l.quantity}`) },
          },
        },
        hlc,
      );
      created.push({ id, status, buyer, lines: lineIds });
    }
  });

  // Pre-sales inquiries over the last few days, by the agent and the supervisor: some led to orders.
  const recentPaid = created.filter((o) => o.status === 'paid' || o.status === 'shipped').slice(-12);
  const questions = ['size', 'material', 'price', 'shipping', 'stock', 'promotion'] as const;
  for (let i = 0; i < 24; i++) {
    const by = i % 3 === 2 ? people.csSupervisor : people.csAgent;
    const order = i < recentPaid.length && i % 2 === 0 ? recentPaid[i] : undefined;
    const at = new Date(now - rng.int(30, 6 * 24 * 60) * 60_000).toISOString();
    const input = inquiryInput.parse({
      memberName: order ? order.buyer.member : rng.pick(buyers).member,
      question: rng.pick(questions),
      outcome: order
        ? 'ordered'
        : rng.weighted([
            ['not_ordered', 2],
            ['pending', 1],
          ] as const),
      ...(order ? { orderId: order.id } : {}),
      at,
    });
    store.tx(() => createInquiry(store, by, input, true));
  }

  // One after-sales case (a return), one negative review and one complaint on shipped orders.
  const shipped = created.filter((o) => o.status === 'shipped' || o.status === 'success');
  const [forCase, forReview, forComplaint] = [
    shipped[shipped.length - 3],
    shipped[shipped.length - 8],
    shipped[shipped.length - 5],
  ];
  if (forCase)
    store.tx(() =>
      createCase(
        store,
        people.csAgent,
        caseCreateInput.parse({
          type: 'return_refund',
          orderId: forCase.id,
          lines: [{ orderLineId: forCase.lines[0], quantity: 1 }],
          reason: '尺码偏小，买家要求退货',
          note: '买家已拍照，包装完好',
        }),
      ),
    );
  if (forReview) {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now));
    store.tx(() =>
      createReview(
        store,
        people.csAgent,
        reviewCreateInput.parse({
          orderId: forReview.id,
          orderLineId: forReview.lines[0],
          rating: 'negative',
          content: '颜色和图片差别有点大，洗了一次就起球了',
          reviewDate: day,
        }),
      ),
    );
  }
  if (forComplaint)
    store.tx(() =>
      createComplaint(
        store,
        people.csAgent,
        complaintInput.parse({
          channel: 'wangwang',
          memberName: forComplaint.buyer.member,
          orderId: forComplaint.id,
          category: 'logistics',
          severity: 'major',
          description: '下单五天还没收到，物流一直没更新',
        }),
      ),
    );
  return { orders: count, buyers: new Set(created.map((o) => o.buyer.member)).size };
}
