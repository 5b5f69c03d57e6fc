// UTC ISO times → the shop's local "yyyy-mm-dd HH:MM:SS", in SQL, for CSV exports that SQLite
// renders line by line (lib/export.ts). SQLite knows no time zones, so the zone's UTC offsets are
// worked out here (Intl) and passed as a CASE over the offset changes between 2000 and 2100: a
// zone without daylight saving (Asia/Shanghai) is a single `+480 minutes`.

/** The zone's offset from UTC at `ms`, in whole minutes. */
export function zoneOffsetMinutes(timeZone: string, ms: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
}

interface Span {
  /** From this instant (UTC ms) on … */
  from: number;
  offset: number;
}

const cache = new Map<string, Span[]>();

/** The zone's offset changes from 2000 to 2100, found by month steps and a binary search. */
function spans(timeZone: string): Span[] {
  const hit = cache.get(timeZone);
  if (hit) return hit;
  const out: Span[] = [{ from: -Infinity, offset: zoneOffsetMinutes(timeZone, Date.UTC(2000, 0, 1)) }];
  let prev = Date.UTC(2000, 0, 1);
  for (let y = 2000; y < 2100; y++) {
    for (let m = 0; m < 12; m++) {
      const t = Date.UTC(y, m + 1, 1);
      const before = out[out.length - 1]!.offset;
      if (zoneOffsetMinutes(timeZone, t) !== before) {
        let lo = prev;
        let hi = t;
        while (hi - lo > 60_000) {
          const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
          if (zoneOffsetMinutes(timeZone, mid) === before) lo = mid;
          else hi = mid;
        }
        out.push({ from: hi, offset: zoneOffsetMinutes(timeZone, hi) });
      }
      prev = t;
    }
  }
  cache.set(timeZone, out);
  return out;
}

/** SQL turning the UTC ISO text `expr` into shop-local "yyyy-mm-dd HH:MM:SS" ('' when NULL). */
export function sqlShopTime(expr: string, timeZone: string): string {
  const s = spans(timeZone);
  const fmt = (offset: number) =>
    `strftime('%Y-%m-%d %H:%M:%S', ${expr}, '${offset >= 0 ? '+' : ''}${offset} minutes')`;
  if (s.length === 1) return `COALESCE(${fmt(s[0]!.offset)}, '')`;
  const whens = s
    .slice(1)
    .map((sp, i) => `WHEN ${expr} < '${new Date(sp.from).toISOString()}' THEN ${fmt(s[i]!.offset)}`)
    .join(' ');
  return `COALESCE(CASE ${whens} ELSE ${fmt(s[s.length - 1]!.offset)} END, '')`;
}
