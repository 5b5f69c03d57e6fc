// The store checkpoints the WAL once it has been idle after a write (Store.checkpointWhenIdle),
// so a later write starts a fresh WAL instead of paying for the checkpoint inside its COMMIT.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_CHECKPOINT_MS, openStore, type Store } from '../../src-main/db/store';
import { tempDir } from './helpers';

let store: Store | undefined;
let dir = '';
afterEach(() => {
  store?.close();
  store = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Write a few pages' worth of rows in one transaction. */
const write = (s: Store, tag: string) =>
  s.tx(() => {
    for (let i = 0; i < 50; i++)
      s.stmt(`INSERT INTO meta (key, value) VALUES (?, ?)`).run(`${tag}-${i}`, 'x'.repeat(400));
  });
/** Frames in the WAL now (a PASSIVE checkpoint reports them; it also copies them, so call last). */
const walFrames = (s: Store) => (s.db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;

describe('idle WAL checkpoint', () => {
  it('copies the WAL once writes pause, so the next write starts a fresh WAL', async () => {
    dir = tempDir();
    store = openStore({ dataDir: dir });
    write(store, 'a');
    await sleep(IDLE_CHECKPOINT_MS + 150);
    write(store, 'b');
    const afterPause = walFrames(store);

    write(store, 'c');
    write(store, 'd'); // no pause: the WAL keeps growing
    const noPause = walFrames(store);
    expect(afterPause).toBeGreaterThan(0);
    // Without the idle checkpoint the WAL would have held a's frames as well as b's.
    expect(noPause).toBeGreaterThan(afterPause);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('waits for the last write, and a closed store is left alone', async () => {
    dir = tempDir();
    store = openStore({ dataDir: dir });
    write(store, 'a');
    await sleep(IDLE_CHECKPOINT_MS / 2);
    write(store, 'b'); // restarts the quiet time
    await sleep(IDLE_CHECKPOINT_MS / 2 + 20);
    write(store, 'c');
    const frames = walFrames(store); // a, b and c (and the migrations) if no checkpoint ran since a
    write(store, 'd');
    const single = walFrames(store); // d alone: the check above copied the WAL
    expect(frames).toBeGreaterThan(2 * single);
    write(store, 'e');
    store.close();
    store = undefined;
    await sleep(IDLE_CHECKPOINT_MS + 100); // the timer was cleared with the store: nothing throws
    const again = openStore({ dataDir: dir });
    const n = again.db.prepare(`SELECT COUNT(*) AS n FROM meta WHERE key LIKE 'e-%'`).get() as { n: number };
    again.close();
    expect(n.n).toBe(50);
  });
});
