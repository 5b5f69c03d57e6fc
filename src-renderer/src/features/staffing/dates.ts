// Shop-local calendar strings for the rota pages (yyyy-mm-dd, yyyy-mm), whatever the PC's zone.
import { startOfDayInZone } from '../../lib/time';

/** Today in the shop's time zone, yyyy-mm-dd. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

export function mondayOf(date: string): string {
  return addDays(date, 1 - weekday(date));
}

/** The UTC instant of a wall-clock time (date + HH:mm) in the shop's zone. */
export function shopTimeToUtc(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(startOfDayInZone(y, m, d, timeZone).getTime() + (hour * 60 + minute) * 60_000);
}

/** Minutes as hours with one decimal: 536 → "8.9". */
export const hoursText = (minutes: number) => (minutes / 60).toFixed(1);
