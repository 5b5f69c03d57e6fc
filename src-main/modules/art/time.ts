// Shop-local wall-clock times ↔ UTC, for EXIF capture times (which carry no zone) and day filters.

/** Offset of `timeZone` from UTC at the instant `ms`, in minutes (Asia/Shanghai: +480). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
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
  const p: Record<string, number> = {};
  for (const x of parts) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** The UTC instant (ms) of a wall-clock time in `timeZone`. */
export function zonedToUtcMs(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  timeZone: string,
): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  let ms = guess - zoneOffsetMinutes(guess, timeZone) * 60_000;
  // Near a DST change the offset at the result may differ from the guess's: correct once.
  ms = guess - zoneOffsetMinutes(ms, timeZone) * 60_000;
  return ms;
}

/** An EXIF "2026:11:20 10:05:00" (shop-local wall clock) as UTC ISO, or null if it is not one. */
export function exifToIso(raw: unknown, timeZone: string): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (y < 1990 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  return new Date(zonedToUtcMs(y, mo, d, h, mi, s, timeZone)).toISOString();
}

/** The UTC ISO instant a shop-local day (yyyy-mm-dd) starts; `nextDay` gives the next day's start. */
export function dayStartIso(day: string, timeZone: string, nextDay = false): string {
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(zonedToUtcMs(y, mo, d + (nextDay ? 1 : 0), 0, 0, 0, timeZone)).toISOString();
}

/** Today in the shop's zone as yyyy-mm-dd. */
export function localToday(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(ms));
}
