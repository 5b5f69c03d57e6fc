import { describe, expect, it } from 'vitest';
import type { Bin } from '../../src-main/api/contract';
import { binAdvice } from '../../src-renderer/src/features/warehouse/binAdvice';

const bin = (code: string, onHand: number, capacity: number | null, extra: Partial<Bin> = {}): Bin => ({
  id: code,
  code,
  zone: 'A',
  kind: 'normal',
  capacity,
  walkOrder: 0,
  note: '',
  retired: false,
  onHand,
  skuCount: onHand ? 1 : 0,
  fillRatio: capacity ? onHand / capacity : null,
  version: '',
  updatedAt: '',
  ...extra,
});

describe('bin advice', () => {
  it('names over-full, under-used and empty bins, ignoring retired bins and the defects bin', () => {
    const advice = binAdvice([
      bin('A-01', 120, 100),
      bin('A-02', 10, 100),
      bin('A-03', 50, 100),
      bin('A-04', 0, 100),
      bin('A-05', 5, null),
      bin('A-06', 0, null, { retired: true }),
      bin('X-01', 500, 100, { kind: 'defects' }),
    ]);
    expect(advice.over.map((b) => b.code)).toEqual(['A-01']);
    expect(advice.underused.map((b) => b.code)).toEqual(['A-02']);
    expect(advice.empty.map((b) => b.code)).toEqual(['A-04']);
  });
});
