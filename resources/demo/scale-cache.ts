// The benchmarks' scale databases (5,000,000 stock movements, 1,000,000 orders, 100,000 images)
// take minutes to seed, so each is built once in the temp folder and reused. The folder's key is
// a hash of the migrations it was built with plus the bench's own options. When a migration is
// added, an older folder built with a prefix of today's migrations is copied and opened, which
// applies the new migrations exactly as a shop's own database is upgraded; only a changed (not
// added) migration, or new options, seeds afresh.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS } from '../../src-main/db/migrations';
import { openStore } from '../../src-main/db/store';

/** A hash of the first `count` migrations' SQL (all of them by default). */
export function migrationsKey(count = MIGRATIONS.length): string {
  return createHash('sha256')
    .update(
      MIGRATIONS.slice(0, count)
        .map((m) => m.sql)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 10);
}

export interface ScaleCache<T> {
  dir: string;
  info: T;
  /** true when reused (as it was, or upgraded from an older schema). */
  cached: boolean;
  /** The folder it was copied from and upgraded, when that happened. */
  upgradedFrom?: string;
}

/**
 * The folder `<tmp>/shopdesk-bench-<label>-<migrations key>-<options>`; `marker` (a JSON file in it)
 * says it is complete and holds what `build` returned. Missing: upgrade the newest older one, or build.
 */
export async function scaleCache<T>(
  label: string,
  options: string,
  marker: string,
  build: (dir: string) => T | Promise<T>,
  log: (msg: string) => void = () => {},
): Promise<ScaleCache<T>> {
  const folder = (key: string) => path.join(os.tmpdir(), `shopdesk-bench-${label}-${key}-${options}`);
  const dir = folder(migrationsKey());
  const read = (d: string) => JSON.parse(fs.readFileSync(path.join(d, marker), 'utf8')) as T;
  if (fs.existsSync(path.join(dir, marker))) return { dir, info: read(dir), cached: true };
  fs.rmSync(dir, { recursive: true, force: true });
  for (let count = MIGRATIONS.length - 1; count > 0; count--) {
    const older = folder(migrationsKey(count));
    if (!fs.existsSync(path.join(older, marker))) continue;
    log(`  upgrading a copy of ${older} (migrations ${count + 1}–${MIGRATIONS.length})…`);
    fs.cpSync(older, dir, { recursive: true });
    fs.rmSync(path.join(dir, marker));
    openStore({ dataDir: dir }).close(); // applies the newer migrations
    fs.copyFileSync(path.join(older, marker), path.join(dir, marker));
    return { dir, info: read(dir), cached: true, upgradedFrom: older };
  }
  fs.mkdirSync(dir, { recursive: true });
  const info = await build(dir);
  fs.writeFileSync(path.join(dir, marker), JSON.stringify(info, null, 2));
  return { dir, info, cached: false };
}
