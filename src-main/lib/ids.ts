import { getRandomValues } from 'node:crypto';
import { V7Generator } from 'uuidv7';

/**
 * The library's UUIDv7 generator with a larger buffer of crypto random words: its default refills
 * 8 words per `getRandomValues` call, a sizeable share of a 100,000-order import (~600k ids).
 * Same algorithm (monotonic counter, random rand_b), same source of randomness.
 */
const WORDS = new Uint32Array(1024);
let cursor = WORDS.length;
const generator = new V7Generator({
  nextUint32(): number {
    if (cursor >= WORDS.length) {
      getRandomValues(WORDS);
      cursor = 0;
    }
    return WORDS[cursor++]!;
  },
});

/** Row ids: UUIDv7 text, generated in main (time-ordered, so new rows index well). */
export function newId(): string {
  return generator.generate().toString();
}

const DEVICE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud on a shop floor

/** A short per-install device code; it goes into human-facing numbers (RK-7QX2-…). */
export function newDeviceCode(random: (n: number) => Uint8Array): string {
  const bytes = random(4);
  let s = '';
  for (const b of bytes) s += DEVICE_ALPHABET[b % DEVICE_ALPHABET.length];
  return s;
}
