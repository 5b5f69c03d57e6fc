// Shared pieces of the customer-service module: its settings, phone masking, shop-local times.
import type { ServiceSettings, VipLevel } from '../../api/contract';
import type { Store } from '../../db/store';
import { shopTimeZone } from '../staff/service';

/** 13812341234 → 138****1234 (short numbers keep only their last two digits). */
export function maskPhone(phone: string): string {
  if (phone.length >= 7) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (phone.length > 2) return `****${phone.slice(-2)}`;
  return '****';
}

/** The SQL twin of `maskPhone` for exports (kept equal by a unit test). */
export function sqlMaskPhone(expr: string): string {
  const x = `(${expr})`;
  return `CASE WHEN length(${x}) >= 7 THEN substr(${x}, 1, 3) || '****' || substr(${x}, -4) WHEN length(${x}) > 2 THEN '****' || substr(${x}, -2) ELSE '****' END`;
}

export function getSettings(store: Store): ServiceSettings {
  const delay = store
    .stmt<{ value: string }>(`SELECT value FROM service_setting WHERE key = 'followUpDelayMinutes'`)
    .get();
  return {
    followUpDelayMinutes: Number(delay?.value ?? 30),
    vipLevels: store.stmt<VipLevel>(`SELECT level, name, offers FROM vip_level ORDER BY level`).all(),
  };
}

export function saveSettings(store: Store, by: string, input: ServiceSettings): ServiceSettings {
  const before = getSettings(store);
  store
    .stmt(
      `INSERT INTO service_setting (key, value) VALUES ('followUpDelayMinutes', @v)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    .run({ v: String(input.followUpDelayMinutes) });
  store.stmt(`DELETE FROM vip_level`).run();
  const seen = new Set<number>();
  for (const v of input.vipLevels) {
    if (seen.has(v.level)) continue;
    seen.add(v.level);
    store
      .stmt(`INSERT INTO vip_level (level, name, offers) VALUES (@level, @name, @offers)`)
      .run({ level: v.level, name: v.name, offers: v.offers });
  }
  const after = getSettings(store);
  store.log({
    staffId: by,
    entity: 'service_setting',
    rowId: 'service',
    op: 'update',
    label: '客服设置',
    fields: {
      followUpDelayMinutes: { from: before.followUpDelayMinutes, to: after.followUpDelayMinutes },
      vipLevels: { from: before.vipLevels, to: after.vipLevels },
    },
  });
  return after;
}

/** Offset of `timeZone` from UTC at `utcMs`, in minutes. */
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets change at most on the hour: cache per zone and UTC hour (imports convert 100,000s). */
const offsets = new Map<string, number>();
function offsetMinutes(timeZone: string, utcMs: number): number {
  const key = `${timeZone}|${Math.floor(utcMs / 3_600_000)}`;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(new Date(Math.floor(utcMs / 3_600_000) * 3_600_000));
  const n = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  const off = Math.round((asUtc - Math.floor(utcMs / 3_600_000) * 3_600_000) / 60000);
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

/** A shop-local wall-clock time (y, m, d, h, mi, s) → UTC ISO. */
export function localToUtc(timeZone: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0): string {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let utc = guess - offsetMinutes(timeZone, guess) * 60000;
  // Around a DST change the offset at the result may differ; one correction settles it.
  utc = guess - offsetMinutes(timeZone, utc) * 60000;
  return new Date(utc).toISOString();
}

/** A shop-local day yyyy-mm-dd → the UTC ISO instant it starts. */
export function dayStartUtc(timeZone: string, day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return localToUtc(timeZone, y, m, d);
}

/** The UTC range [from, to) for shop-local days `from`..`to` inclusive (either may be missing). */
export function dayRangeUtc(
  store: Store,
  from: string | undefined,
  to: string | undefined,
): { fromUtc: string | null; toUtc: string | null } {
  const tz = shopTimeZone(store);
  let toUtc: string | null = null;
  if (to) {
    const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    toUtc = dayStartUtc(tz, next);
  }
  return { fromUtc: from ? dayStartUtc(tz, from) : null, toUtc };
}

export function parseJsonArray(text: string): string[] {
  const v = JSON.parse(text) as unknown;
  return Array.isArray(v) ? v.map(String) : [];
}
