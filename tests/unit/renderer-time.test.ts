// The renderer's time helpers: stored UTC, shown in the shop's zone whatever the PC's zone is.
import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatDateTime,
  formatShort,
  offsetLabel,
  startOfDayInZone,
  toDate,
} from '../../src-renderer/src/lib/time';

describe('renderer time helpers', () => {
  it('reads ISO times and HLC stamps, and nothing else', () => {
    expect(toDate('2026-11-28T16:30:00.000Z')?.toISOString()).toBe('2026-11-28T16:30:00.000Z');
    expect(toDate('1795883400000-0003-K7QX')?.toISOString()).toBe(new Date(1795883400000).toISOString());
    expect(toDate('not a time')).toBeNull();
    expect(toDate(null)).toBeNull();
  });

  it('shows a UTC time in the shop zone, across the date line', () => {
    // 16:30 UTC is 00:30 the next day in Shanghai.
    expect(formatDateTime('2026-11-28T16:30:00Z', 'Asia/Shanghai')).toBe('2026-11-29 00:30');
    expect(formatDateTime('2026-11-28T16:30:05Z', 'Asia/Shanghai', true)).toBe('2026-11-29 00:30:05');
    expect(formatDateTime('2026-11-28T16:30:00Z', 'UTC')).toBe('2026-11-28 16:30');
    expect(formatDateTime(undefined, 'Asia/Shanghai')).toBe('');
  });

  it('shortens times of today and of this year', () => {
    const now = new Date('2026-11-29T02:00:00Z'); // 10:00 in Shanghai
    expect(formatShort('2026-11-29T01:05:00Z', 'Asia/Shanghai', now)).toBe('09:05');
    expect(formatShort('2026-11-27T01:05:00Z', 'Asia/Shanghai', now)).toBe('2026-11-27 09:05');
    expect(formatCompact('2026-03-01T01:05:00Z', 'Asia/Shanghai', now)).toBe('03-01 09:05');
    expect(formatCompact('2025-03-01T01:05:00Z', 'Asia/Shanghai', now)).toBe('2025-03-01');
  });

  it('finds where a day starts in a zone (date filters of the activity log)', () => {
    expect(startOfDayInZone(2026, 11, 29, 'Asia/Shanghai').toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect(startOfDayInZone(2026, 3, 29, 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(offsetLabel('Asia/Shanghai')).toBe('+08:00');
  });
});
