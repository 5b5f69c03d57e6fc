// The hybrid logical clock (src-main/lib/hlc.ts) and the store's persisted use of it.
import fs from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src-main/db/store';
import { Hlc, hlcToIso } from '../../src-main/lib/hlc';
import { tempDir } from './helpers';

const STAMP = /^\d{13}-[0-9a-f]{4}-[0-9A-Z]+$/;

/** A wall clock that returns the given readings in turn (and the last one forever after). */
function scripted(readings: number[]): () => number {
  let i = 0;
  return () => readings[Math.min(i++, readings.length - 1)]!;
}

const strictlyIncreasing = (xs: string[]) => xs.every((x, i) => i === 0 || xs[i - 1]! < x);

describe('Hlc.now', () => {
  it('follows the wall clock while it moves forward, counter at zero', () => {
    const hlc = new Hlc('ABCD', scripted([1_000, 2_000, 3_500]));
    const stamps = [hlc.now(), hlc.now(), hlc.now()];
    expect(stamps).toEqual(['0000000001000-0000-ABCD', '0000000002000-0000-ABCD', '0000000003500-0000-ABCD']);
  });

  it('stays strictly increasing when the wall clock stands still', () => {
    const hlc = new Hlc('ABCD', () => 1_764_300_000_000);
    const stamps = Array.from({ length: 300 }, () => hlc.now());
    expect(strictlyIncreasing(stamps)).toBe(true);
    expect(new Set(stamps).size).toBe(300);
    expect(Hlc.parse(stamps[0]!)).toMatchObject({ ms: 1_764_300_000_000, counter: 0 });
    expect(Hlc.parse(stamps[299]!)).toMatchObject({ ms: 1_764_300_000_000, counter: 299 });
  });

  it('stays strictly increasing when the wall clock goes backwards (NTP step, changed clock)', () => {
    const hlc = new Hlc('ABCD', scripted([10_000, 9_000, 5_000, 10_000, 10_001, 3_000, 10_002]));
    const stamps = Array.from({ length: 7 }, () => hlc.now());
    expect(strictlyIncreasing(stamps)).toBe(true);
    // While the clock is behind, the logical time holds at the highest wall time seen.
    expect(Hlc.parse(stamps[1]!)).toMatchObject({ ms: 10_000, counter: 1 });
    expect(Hlc.parse(stamps[2]!)).toMatchObject({ ms: 10_000, counter: 2 });
    expect(Hlc.parse(stamps[3]!)).toMatchObject({ ms: 10_000, counter: 3 });
    // Once the wall clock passes it again, the counter resets.
    expect(Hlc.parse(stamps[4]!)).toMatchObject({ ms: 10_001, counter: 0 });
    expect(Hlc.parse(stamps[5]!)).toMatchObject({ ms: 10_001, counter: 1 });
  });

  it('is strictly increasing for any sequence of wall-clock readings (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000_000_000_000 }), { minLength: 1, maxLength: 200 }),
        (readings) => {
          const hlc = new Hlc('K7QX', scripted(readings));
          const stamps = readings.map(() => hlc.now());
          return strictlyIncreasing(stamps);
        },
      ),
    );
  });

  it('starts after a persisted state, even if the wall clock is now earlier', () => {
    const hlc = new Hlc('ABCD', () => 500, { ms: 1_000, counter: 7 });
    expect(Hlc.parse(hlc.now())).toMatchObject({ ms: 1_000, counter: 8 });
  });

  it('refuses to wrap the counter: after 0xffff stamps in one millisecond it throws', () => {
    const hlc = new Hlc('ABCD', () => 42, { ms: 42, counter: 0xfffe });
    expect(Hlc.parse(hlc.now())).toMatchObject({ ms: 42, counter: 0xffff });
    expect(() => hlc.now()).toThrow(/overflow/);
  });
});

describe('Hlc.receive', () => {
  it('makes the next stamp greater than a remote stamp ahead of our clock', () => {
    const local = new Hlc('AAAA', () => 1_000);
    const remoteStamp = new Hlc('BBBB', () => 9_999_000).now(); // a PC whose clock is far ahead
    local.receive(remoteStamp);
    const next = local.now();
    expect(next > remoteStamp).toBe(true);
    expect(Hlc.parse(next)).toMatchObject({ ms: 9_999_000, device: 'AAAA' });
  });

  it('orders after a remote stamp at the same millisecond with a higher counter', () => {
    const remote = new Hlc('BBBB', () => 5_000);
    let remoteStamp = '';
    for (let i = 0; i < 10; i++) remoteStamp = remote.now(); // counter 9
    const local = new Hlc('AAAA', () => 5_000);
    local.now(); // counter 0
    local.receive(remoteStamp);
    const next = local.now();
    expect(Hlc.parse(next)).toMatchObject({ ms: 5_000 });
    expect(Hlc.parse(next).counter).toBeGreaterThan(9);
    expect(next > remoteStamp).toBe(true);
  });

  it('never moves backwards when the remote stamp is older than ours', () => {
    const local = new Hlc('AAAA', () => 50_000);
    const before = local.now();
    local.receive(new Hlc('BBBB', () => 10).now());
    const after = local.now();
    expect(after > before).toBe(true);
  });

  it('keeps causal order across devices for random message exchanges (property)', () => {
    // Two PCs with skewed, jumpy clocks exchange stamps; whatever one PC issues after receiving
    // a stamp sorts after that stamp, and each PC's own stamps are increasing.
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            who: fc.constantFrom(0, 1),
            wall: fc.integer({ min: 0, max: 1_000_000 }),
            send: fc.boolean(),
          }),
          { minLength: 1, maxLength: 100 },
        ),
        (events) => {
          const walls = [0, 0];
          const clocks = [new Hlc('AAAA', () => walls[0]!), new Hlc('BBBB', () => walls[1]!)];
          const issued: string[][] = [[], []];
          for (const e of events) {
            walls[e.who] = e.wall;
            const s = clocks[e.who]!.now();
            if (issued[e.who]!.length && !(issued[e.who]!.at(-1)! < s)) return false;
            issued[e.who]!.push(s);
            if (e.send) {
              const other = 1 - e.who;
              clocks[other]!.receive(s);
              const reply = clocks[other]!.now();
              if (!(reply > s)) return false;
              issued[other]!.push(reply);
            }
          }
          return true;
        },
      ),
    );
  });
});

describe('encoding', () => {
  it('parses what it encodes (round trip)', () => {
    const stamp = new Hlc('7QX2', () => 1_764_300_000_123, { ms: 1_764_300_000_123, counter: 0x2a }).now();
    expect(stamp).toBe('1764300000123-002b-7QX2');
    expect(stamp).toMatch(STAMP);
    const parsed = Hlc.parse(stamp);
    expect(parsed).toEqual({ ms: 1_764_300_000_123, counter: 0x2b, device: '7QX2' });
    // A clock restored from the parsed state continues after it.
    const restored = new Hlc('7QX2', () => 0, parsed);
    expect(restored.now()).toBe('1764300000123-002c-7QX2');
  });

  it('rejects strings that are not stamps', () => {
    for (const bad of [
      '',
      'abc',
      '176430000012-0000-ABCD',
      '1764300000123-00G0-ABCD',
      '1764300000123-002B-ABCD',
      '1764300000123-0000-abcd',
      '1764300000123-0000-',
    ]) {
      expect(() => Hlc.parse(bad), bad).toThrow(/Not an HLC/);
    }
  });

  it('string order equals (ms, counter) order (property)', () => {
    const state = fc.record({
      ms: fc.integer({ min: 0, max: 9_999_999_999_998 }),
      counter: fc.integer({ min: 0, max: 0xfffe }),
    });
    fc.assert(
      fc.property(state, state, (a, b) => {
        // now() with a wall clock at 0 issues {ms, counter + 1} from the initial state.
        const sa = new Hlc('ABCD', () => 0, a).now();
        const sb = new Hlc('ABCD', () => 0, b).now();
        const tuple = a.ms !== b.ms ? Math.sign(a.ms - b.ms) : Math.sign(a.counter - b.counter);
        const text = sa < sb ? -1 : sa > sb ? 1 : 0;
        return tuple === text;
      }),
    );
  });

  it('hlcToIso gives the wall-clock part in UTC', () => {
    expect(hlcToIso('1764300000123-00ff-ABCD')).toBe('2025-11-28T03:20:00.123Z');
    expect(hlcToIso('0000000000000-0000-ABCD')).toBe('1970-01-01T00:00:00.000Z');
    expect(() => hlcToIso('yesterday')).toThrow();
  });
});

describe("the store's clock", () => {
  let store: Store | undefined;
  let dir = '';
  afterEach(() => {
    store?.close();
    store = undefined;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('persists its last stamp, so stamps keep increasing across a restart with a clock set back', () => {
    dir = tempDir();
    let t = Date.parse('2026-11-28T10:00:00Z');
    store = openStore({ dataDir: dir, now: () => t });
    const a = store.stamp();
    const b = store.stamp();
    expect(b > a).toBe(true);
    expect(store.meta('hlc_last')).toBe(b);
    expect(Hlc.parse(b).device).toBe(store.deviceCode);
    store.close();

    t -= 3_600_000; // the PC's clock was set back an hour while the app was closed
    store = openStore({ dataDir: dir, now: () => t });
    const c = store.stamp();
    expect(c > b).toBe(true);
    expect(Hlc.parse(c).ms).toBe(Hlc.parse(b).ms);
  });
});
