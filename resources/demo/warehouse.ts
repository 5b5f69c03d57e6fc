// The demo shop's warehouse: ~20 bins in zones A and B with capacities and a walk order, a defects
// bin (次品区), opening stock by posted purchase receipts for most active SKUs (some low, a few
// none), and a handful of Taobao orders waiting to ship (via createOrderOutbound), all through the
// real services, one transaction per action as the router runs them. Deterministic per seed.
import { binInput } from '../../src-main/api/contract';
import type { Store } from '../../src-main/db/store';
import { post, saveBin, saveDraft } from '../../src-main/modules/warehouse/service';
import { createOrderOutbound } from '../../src-main/modules/warehouse/shipping';

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUPPLIERS = ['义乌棉里服饰厂', '广州十三行新潮服饰', '杭州四季青鑫源服饰', '南通家纺城宜家纺'];
const BUYERS = ['小鹿爱穿搭', '杭州的阿珍', '晴天娃娃2019', '王先生', 'tb_8823小米粥', '一颗柠檬茶'];

/** The demo bins: A-01-01…A-02-05, B-01-01…B-02-04 and the defects bin C-99-01. */
export function demoBins(): {
  code: string;
  zone: string;
  kind: 'normal' | 'defects';
  capacity: number;
  walkOrder: number;
}[] {
  const out: ReturnType<typeof demoBins> = [];
  let walk = 10;
  const add = (zone: string, shelf: number, levels: number, capacity: number) => {
    for (let level = 1; level <= levels; level++) {
      out.push({
        code: `${zone}-${String(shelf).padStart(2, '0')}-${String(level).padStart(2, '0')}`,
        zone: `${zone}区`,
        kind: 'normal',
        capacity,
        walkOrder: walk,
      });
      walk += 10;
    }
  };
  add('A', 1, 5, 300);
  add('A', 2, 5, 200);
  add('B', 1, 5, 150);
  add('B', 2, 4, 100);
  out.push({ code: 'C-99-01', zone: '次品区', kind: 'defects', capacity: 200, walkOrder: walk });
  return out;
}

export function seedDemoWarehouse(
  store: Store,
  by: string,
  seed: number,
): { bins: number; receipts: number; orders: number } {
  const rand = rng(seed ^ 0x5eed);
  const bins = demoBins().map((b) => store.tx(() => saveBin(store, by, binInput.parse(b))));
  const normal = bins.filter((b) => b.kind === 'normal');

  const skus = store
    .stmt<{ id: string }>(
      `SELECT s.id FROM sku s JOIN product p ON p.id = s.product_id
       WHERE s.archived_at IS NULL AND p.archived_at IS NULL AND s.deleted_at IS NULL ORDER BY s.code`,
    )
    .all();
  // Opening stock: a few SKUs none, some low (1–5), most 10–80; each SKU in one bin (a SKU
  // every ~4th also in a second bin), bins in code order so a style sits together.
  const lines: { skuId: string; binId: string; quantity: number; note: string }[] = [];
  const stocked: { skuId: string; quantity: number }[] = [];
  skus.forEach((s, i) => {
    const r = rand();
    if (r < 0.05) return;
    const quantity = r < 0.2 ? 1 + Math.floor(rand() * 5) : 10 + Math.floor(rand() * 71);
    const bin = normal[Math.floor((i / skus.length) * normal.length)]!;
    if (quantity >= 20 && i % 4 === 0) {
      const other = normal[(normal.indexOf(bin) + 3) % normal.length]!;
      lines.push({ skuId: s.id, binId: bin.id, quantity: quantity - 8, note: '' });
      lines.push({ skuId: s.id, binId: other.id, quantity: 8, note: '' });
    } else lines.push({ skuId: s.id, binId: bin.id, quantity, note: '' });
    stocked.push({ skuId: s.id, quantity });
  });
  let receipts = 0;
  for (let start = 0; start < lines.length; start += 80) {
    const chunk = lines.slice(start, start + 80);
    store.tx(() => {
      const d = saveDraft(store, by, {
        type: 'purchase_in',
        counterpart: SUPPLIERS[receipts % SUPPLIERS.length]!,
        reason: '期初入库',
        orderRef: '',
        notes: '',
        lines: chunk,
      });
      post(store, by, { id: d.id, mayOverride: false });
    });
    receipts++;
  }

  // Orders waiting to ship: 5 orders of 1–3 SKUs with enough stock.
  const plenty = stocked.filter((s) => s.quantity >= 10);
  let orders = 0;
  for (let o = 0; o < 5 && plenty.length >= 3; o++) {
    const n = 1 + Math.floor(rand() * 3);
    const chosen = new Set<string>();
    while (chosen.size < n) chosen.add(plenty[Math.floor(rand() * plenty.length)]!.skuId);
    // A 19-digit Taobao-style order number.
    const orderRef = `39${String(Math.floor(rand() * 1e9)).padStart(9, '0')}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;
    store.tx(() =>
      createOrderOutbound(store, by, {
        orderRef,
        counterpart: BUYERS[o % BUYERS.length]!,
        lines: [...chosen].map((skuId) => ({ skuId, quantity: 1 + Math.floor(rand() * 2) })),
      }),
    );
    orders++;
  }
  return { bins: bins.length, receipts, orders };
}
