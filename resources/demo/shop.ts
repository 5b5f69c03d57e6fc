// The demo shop: a deterministic, realistic Taobao clothing and home-goods shop for trying the app,
// for screenshots and for benchmarks. Same seed → same people, titles, 款号, 商家编码, barcodes,
// specs, prices and flags (row ids are UUIDv7 and time-based, so those differ between runs).
//
// seedDemoShop() goes through the real services (setup, createStaff, createProduct, setArchived), one
// transaction per action as the router runs them, so change_log looks exactly as in real use.
// seedScale() is the fast path for benchmarks: the catalog service's insertProduct/insertSku helpers
// (which still write change_log) in a few large transactions.
import { productInput } from '../../src-main/api/contract';
import type { Role } from '../../src-main/api/permissions';
import type { Store } from '../../src-main/db/store';
import { EXPORT_HEADER } from '../../src-main/modules/catalog/export';
import {
  createProduct,
  insertProduct,
  insertSku,
  setArchived,
  type ProductFields,
  type SkuData,
} from '../../src-main/modules/catalog/service';
import { createStaff, setup } from '../../src-main/modules/staff/service';
import { formatYuan } from '../../src-main/lib/money';
import { KINDS, NOTES, type ProductKind, type SpecDim, type SpecOption } from './data';
import { seedDemoService } from './service';
import { seedDemoWarehouse } from './warehouse';

export const DEFAULT_SEED = 20260501;

export const DEMO_SHOP = { name: '小林家居服饰旗舰店', timeZone: 'Asia/Shanghai' } as const;

/** One person per role; the first is the store manager who sets the shop up. */
export const DEMO_PEOPLE: readonly { name: string; role: Role; pin: string }[] = [
  { name: '陈晓明', role: 'manager', pin: '1111' }, // 店长
  { name: '林建华', role: 'director', pin: '2222' }, // 运营总监
  { name: '王丽娜', role: 'cs_supervisor', pin: '3333' }, // 客服主管
  { name: '刘婷婷', role: 'cs_agent', pin: '3344' }, // 客服专员
  { name: '张志强', role: 'wh_supervisor', pin: '4444' }, // 仓储主管
  { name: '赵磊', role: 'wh_agent', pin: '4455' }, // 仓储专员
  { name: '孙悦', role: 'art_supervisor', pin: '5555' }, // 美工主管
  { name: '周子涵', role: 'art_agent', pin: '5566' }, // 美工专员
  { name: '吴芳', role: 'admin', pin: '6666' }, // 行政人事
];

/** Chinese job titles, for printing the people list. */
export const ROLE_TITLES: Readonly<Record<Role, string>> = {
  manager: '店长',
  director: '运营总监',
  cs_supervisor: '客服主管',
  cs_agent: '客服专员',
  wh_supervisor: '仓储主管',
  wh_agent: '仓储专员',
  art_supervisor: '美工主管',
  art_agent: '美工专员',
  admin: '行政人事',
};

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32, a small fast 32-bit PRNG; good enough for test data, fully reproducible.
// ---------------------------------------------------------------------------------------------
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  range(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((n, [, w]) => n + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
}

// ---------------------------------------------------------------------------------------------
// Barcodes: EAN-13 under China's GS1 prefix 69. Each supplier has a company prefix (69 + 5 digits)
// and numbers its items consecutively (5 digits), so SKUs of one product get neighbouring codes.
// ---------------------------------------------------------------------------------------------
/** The EAN-13 check digit of the first 12 digits. */
export function ean13CheckDigit(body12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

interface Supplier {
  prefix: string;
  next: number;
}

class BarcodeMaker {
  private readonly suppliers: Supplier[] = [];
  private readonly prefixes = new Set<string>();
  constructor(private readonly rng: Rng) {}

  private newSupplier(): Supplier {
    let prefix: string;
    do prefix = `69${this.rng.int(10000, 99999)}`;
    while (this.prefixes.has(prefix));
    this.prefixes.add(prefix);
    const s = { prefix, next: this.rng.int(100, 3000) };
    this.suppliers.push(s);
    return s;
  }

  /** `n` consecutive barcodes from one supplier (a new one now and then, or when one runs out). */
  take(n: number): string[] {
    let s =
      this.suppliers.length < 4 || this.rng.chance(0.02) ? this.newSupplier() : this.rng.pick(this.suppliers);
    if (s.next + n > 99_999) {
      this.suppliers.splice(this.suppliers.indexOf(s), 1);
      s = this.newSupplier();
    }
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const body = s.prefix + String(s.next++).padStart(5, '0');
      out.push(body + ean13CheckDigit(body));
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Products
// ---------------------------------------------------------------------------------------------
export interface DemoSku {
  code: string;
  barcode: string;
  spec: string;
  costFen: number;
  priceFen: number;
  lowStockThreshold: number;
}
export interface DemoProduct {
  title: string;
  styleCode: string;
  category: string;
  listed: boolean;
  archived: boolean;
  notes: string;
  skus: DemoSku[];
}

const YEARS: readonly (readonly [number, number])[] = [
  [2024, 1],
  [2025, 3],
  [2026, 6],
];

/** Taobao counts a title's length in bytes of GBK: 60, i.e. 30 hanzi. */
function taobaoLength(title: string): number {
  let n = 0;
  for (const ch of title) n += ch.charCodeAt(0) > 0xff ? 2 : 1;
  return n;
}

function yearSeason(rng: Rng, year: number, season: string): string {
  if (!season || season === '四季') {
    return rng.weighted([
      [`${year}新款`, 2],
      ['新款', 1],
      ['', 3],
    ]);
  }
  return rng.weighted([
    [`${year}${season}新款`, 4],
    [`${year}新款${season}`, 2],
    [`${season}新款`, 2],
    [`${year}${season}`, 1],
    [`新款${season}`, 1],
  ]);
}

function makeTitle(rng: Rng, kind: ProductKind, year: number, season: string): string {
  const words = { ...kind.words, ...(season ? kind.bySeason?.[season] : undefined) };
  return rng.pick(kind.templates).replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'ys') return yearSeason(rng, year, season);
    if (name === 'season') return season;
    const list = words[name];
    if (!list) throw new Error(`Kind ${kind.code}: no words for {${name}}`);
    return rng.pick(list);
  });
}

/** `n` values of a dimension: a run of neighbouring sizes, or any colours (in list order). */
function pickOptions(rng: Rng, dim: SpecDim): SpecOption[] {
  const n = Math.min(rng.int(dim.pick[0], dim.pick[1]), dim.options.length);
  if (dim.contiguous) {
    const start = rng.int(0, dim.options.length - n);
    return dim.options.slice(start, start + n);
  }
  const chosen = new Set<number>();
  while (chosen.size < n) chosen.add(rng.int(0, dim.options.length - 1));
  return [...chosen].sort((a, b) => a - b).map((i) => dim.options[i]!);
}

function cartesian<T>(lists: readonly (readonly T[])[]): T[][] {
  return lists.reduce<T[][]>((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]]);
}

/** A shop price near `yuan`: whole yuan often ending in 9, then .00, .90 or .99. In fen. */
function shopPrice(rng: Rng, yuan: number): number {
  let y = Math.max(1, Math.round(yuan));
  if (y >= 20 && rng.chance(0.6)) y = y - (y % 10) + 9;
  const cents = rng.weighted([
    [0, 35],
    [90, 40],
    [99, 25],
  ]);
  return y * 100 + cents;
}

/**
 * An endless, deterministic stream of products. Titles are unique as long as the word lists allow
 * (tens of thousands per kind); 款号, 商家编码 and barcodes are always unique.
 */
export function* demoProducts(seed: number = DEFAULT_SEED): Generator<DemoProduct, never, undefined> {
  const rng = new Rng(seed);
  const barcodes = new BarcodeMaker(rng);
  const styleSeq = new Map<string, number>();
  const titles = new Set<string>();
  const kinds = KINDS.map((k) => [k, k.weight] as const);

  for (let index = 0; ; index++) {
    const kind = rng.weighted(kinds);
    const year = rng.weighted(YEARS);
    const season = kind.seasons.length ? rng.pick(kind.seasons) : '';
    let title = '';
    for (let attempt = 0; attempt < 12; attempt++) {
      title = makeTitle(rng, kind, year, season);
      if (taobaoLength(title) <= 60 && !titles.has(title)) break;
    }
    titles.add(title);

    const seqKey = `${kind.code}${year}`;
    const seq = (styleSeq.get(seqKey) ?? 0) + 1;
    styleSeq.set(seqKey, seq);
    const styleCode = `${seqKey}-${String(seq).padStart(3, '0')}`;

    const costFen = Math.round(rng.range(kind.cost[0], kind.cost[1]) * 2) * 50; // .00 or .50
    const priceFen = shopPrice(rng, (costFen / 100) * rng.range(kind.markup[0], kind.markup[1]));
    const costShare = costFen / priceFen;
    const lowStockThreshold = rng.weighted([
      [10, 8],
      [5, 1],
      [20, 1],
    ]);

    const combos = cartesian(kind.dims.map((d) => pickOptions(rng, d)));
    const codes = barcodes.take(combos.length);
    const skus = combos.map((combo, i): DemoSku => {
      const extraYuan = combo.reduce((n, o) => n + (o.extraYuan ?? 0), 0);
      return {
        code: [styleCode, ...combo.map((o) => o.code)].join('-'),
        barcode: codes[i]!,
        spec: combo.map((o, d) => `${kind.dims[d]!.label}:${o.text}`).join(';'),
        costFen: costFen + Math.round(extraYuan * costShare * 10) * 10,
        priceFen: priceFen + extraYuan * 100,
        lowStockThreshold,
      };
    });

    // A few discontinued products: every 20th (so a 60-product demo has 3), and now and then another.
    const archived = index % 20 === 13 || rng.chance(0.01);
    const notes = rng.chance(0.35) ? rng.pick(NOTES[kind.category] ?? ['']) : '';
    yield {
      title,
      styleCode,
      category: kind.category,
      listed: !archived && rng.chance(0.88),
      archived,
      notes,
      skus,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------
/** First-run setup and the staff, through the services; returns each role's staff id. */
function setupPeople(store: Store): Map<Role, string> {
  if (store.stmt(`SELECT 1 FROM shop`).get() || store.stmt(`SELECT 1 FROM product LIMIT 1`).get()) {
    throw new Error('The shop is already set up: the demo shop needs an empty data folder.');
  }
  const [manager, ...others] = DEMO_PEOPLE;
  if (!manager || manager.role !== 'manager') throw new Error('DEMO_PEOPLE must start with the manager');
  const session = store.tx(() =>
    setup(store, {
      shopName: DEMO_SHOP.name,
      timeZone: DEMO_SHOP.timeZone,
      managerName: manager.name,
      pin: manager.pin,
    }),
  );
  const ids = new Map<Role, string>([['manager', session.staff.id]]);
  for (const p of others) {
    const row = store.tx(() => createStaff(store, session.staff.id, p));
    ids.set(p.role, row.id);
  }
  return ids;
}

const productFields = (p: DemoProduct): ProductFields => ({
  title: p.title,
  styleCode: p.styleCode,
  category: p.category,
  listed: p.listed,
  notes: p.notes,
});

/**
 * Set up the demo shop on an EMPTY store: the shop and its manager, one person per role, then
 * `products` products (default 60, about 300 SKUs), a few of them archived. The warehouse
 * supervisor (仓储主管) enters the products. Throws if the shop is already set up.
 */
export function seedDemoShop(
  store: Store,
  opts: {
    seed?: number;
    products?: number;
    /** Seed the customer-service side too (orders, inquiries, a case, a review, a complaint). */
    service?: boolean;
  } = {},
): { people: typeof DEMO_PEOPLE; products: number; skus: number } {
  const ids = setupPeople(store);
  const by = ids.get('wh_supervisor')!;
  const stream = demoProducts(opts.seed ?? DEFAULT_SEED);
  const count = opts.products ?? 60;
  let skus = 0;
  for (let i = 0; i < count; i++) {
    const p = stream.next().value;
    // Validated by the same schema as the catalog.create channel.
    const input = productInput.parse({ ...productFields(p), skus: p.skus });
    store.tx(() => {
      const created = createProduct(store, by, input);
      if (p.archived) setArchived(store, by, created.id, true);
    });
    skus += p.skus.length;
  }
  seedDemoWarehouse(store, by, opts.seed ?? DEFAULT_SEED);
  // Customer service: Taobao orders of the last 30 days, inquiries, a case, a review, a complaint.
  if (opts.service ?? true)
    seedDemoService(store, new Rng((opts.seed ?? DEFAULT_SEED) ^ 0xc5c5), {
      csSupervisor: ids.get('cs_supervisor')!,
      csAgent: ids.get('cs_agent')!,
    });
  return { people: DEMO_PEOPLE, products: count, skus };
}

/** SKUs per transaction in scale mode. */
const SCALE_BATCH = 10_000;

/**
 * Scale mode for benchmarks: set up the shop and its people (as seedDemoShop), then a catalog of
 * exactly `skus` SKUs (the last product may be cut short), inserted with the catalog service's
 * insertProduct/insertSku helpers (change_log included) in transactions of ~10,000 SKUs.
 * Each product gets its own HLC stamp, so updated_at varies as in a real shop.
 */
export function seedScale(store: Store, opts: { skus: number; seed?: number }): void {
  const ids = setupPeople(store);
  const by = ids.get('wh_supervisor')!;
  const stream = demoProducts(opts.seed ?? DEFAULT_SEED);
  let left = opts.skus;
  while (left > 0) {
    store.tx(() => {
      let batch = 0;
      while (left > 0 && batch < SCALE_BATCH) {
        const p = stream.next().value;
        const skus: SkuData[] = p.skus.slice(0, left);
        const hlc = store.stamp();
        const id = insertProduct(store, by, productFields(p), hlc);
        for (const s of skus) insertSku(store, by, id, s, hlc);
        if (p.archived) setArchived(store, by, id, true);
        left -= skus.length;
        batch += skus.length;
      }
    });
  }
}

/**
 * Rows for an import file of `n` SKUs: first the header (EXPORT_HEADER, our own export's columns),
 * then `n` rows of strings as a shop's spreadsheet would hold them (prices in yuan, 是/否).
 */
export function* scaleCsvRows(n: number, seed: number = DEFAULT_SEED): Generator<string[], void, undefined> {
  yield [...EXPORT_HEADER];
  const stream = demoProducts(seed);
  let left = n;
  while (left > 0) {
    const p = stream.next().value;
    for (const s of p.skus.slice(0, left)) {
      yield [
        s.code,
        s.barcode,
        p.title,
        s.spec,
        p.styleCode,
        p.category,
        formatYuan(s.costFen),
        formatYuan(s.priceFen),
        p.listed ? '是' : '否',
        String(s.lowStockThreshold),
        p.archived ? '已归档' : '在用',
      ];
    }
    left -= Math.min(left, p.skus.length);
  }
}
