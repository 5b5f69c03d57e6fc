// Times are stored in UTC (ISO-8601, or an HLC stamp whose prefix is epoch ms) and shown in the
// shop's time zone, whatever the PC's own zone is.

const HLC = /^(\d{13})-[0-9a-f]{4}-[0-9A-Z]+$/;

/** Parse an ISO time or an HLC stamp; null if it is neither. */
export function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const m = HLC.exec(value);
  const d = m ? new Date(Number(m[1])) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withSeconds}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        ...(withSeconds ? { second: '2-digit' } : {}),
        hourCycle: 'h23',
      });
    } catch {
      f = formatter('Asia/Shanghai', withSeconds);
    }
    formatters.set(key, f);
  }
  return f;
}

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}
function partsOf(d: Date, timeZone: string, withSeconds = false): Parts {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone, withSeconds).formatToParts(d)) p[part.type] = part.value;
  return {
    year: p.year ?? '',
    month: p.month ?? '',
    day: p.day ?? '',
    hour: p.hour === '24' ? '00' : (p.hour ?? ''),
    minute: p.minute ?? '',
    second: p.second ?? '00',
  };
}

/** The calendar parts of a stored time in the shop's zone; null for a missing or bad time. */
function zonedParts(value: string | Date | null | undefined, timeZone: string): Parts | null {
  const d = value instanceof Date ? value : toDate(value);
  return d ? partsOf(d, timeZone) : null;
}

/** `2025-11-28 14:05` in the shop's zone (with `:ss` if asked); '' for a missing time. */
export function formatDateTime(
  value: string | Date | null | undefined,
  timeZone: string,
  seconds = false,
): string {
  const d = value instanceof Date ? value : toDate(value);
  if (!d) return '';
  const p = partsOf(d, timeZone, seconds);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

/** `14:05` when the time is today in the shop's zone, else the full date and time. */
export function formatShort(
  value: string | Date | null | undefined,
  timeZone: string,
  now = new Date(),
): string {
  const p = zonedParts(value, timeZone);
  if (!p) return '';
  const today = partsOf(now, timeZone);
  if (p.year === today.year && p.month === today.month && p.day === today.day) return `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The zone's offset from UTC at `at`, in minutes (e.g. +480 for Asia/Shanghai). */
export function zoneOffsetMinutes(timeZone: string, at = new Date()): number {
  const p = partsOf(at, timeZone, true);
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** `+08:00` style label for a zone's current offset. */
export function offsetLabel(timeZone: string, at = new Date()): string {
  const m = zoneOffsetMinutes(timeZone, at);
  const sign = m < 0 ? '-' : '+';
  const abs = Math.abs(m);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The UTC instant at which the calendar day y-m-d starts in `timeZone`. */
export function startOfDayInZone(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  let t = guess - zoneOffsetMinutes(timeZone, new Date(guess)) * 60_000;
  // Once more, in case the offset differs at the corrected instant (DST edges).
  t = guess - zoneOffsetMinutes(timeZone, new Date(t)) * 60_000;
  return new Date(t);
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `11-28 14:05` within the current year (shop's zone), else `2024-11-28`: for narrow columns. */
export function formatCompact(
  value: string | Date | null | undefined,
  timeZone: string,
  now = new Date(),
): string {
  const p = zonedParts(value, timeZone);
  if (!p) return '';
  if (p.year === partsOf(now, timeZone).year) return `${p.month}-${p.day} ${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day}`;
}
