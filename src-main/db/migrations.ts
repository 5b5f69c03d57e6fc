// The ordered list of migrations. Each is a numbered .sql file in ./migrations, imported as
// text (Vite's `?raw`; under plain Node the loader in scripts/sql-loader.mjs does the same).
// Forward-only: never edit a released file, add a new one.
import m0001 from './migrations/0001_init.sql?raw';
import m0002 from './migrations/0002_warehouse.sql?raw';
import m0007 from './migrations/0007_service.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: m0001 },
  { version: 2, name: 'warehouse', sql: m0002 },
  { version: 7, name: 'service', sql: m0007 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
