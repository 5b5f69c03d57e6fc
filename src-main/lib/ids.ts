import { uuidv7 } from 'uuidv7';

/** Row ids: UUIDv7 text, generated in main (time-ordered, so new rows index well). */
export function newId(): string {
  return uuidv7();
}

const DEVICE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud on a shop floor

/** A short per-install device code; it goes into human-facing numbers (RK-7QX2-…). */
export function newDeviceCode(random: (n: number) => Uint8Array): string {
  const bytes = random(4);
  let s = '';
  for (const b of bytes) s += DEVICE_ALPHABET[b % DEVICE_ALPHABET.length];
  return s;
}
