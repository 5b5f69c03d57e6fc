// The ordered list of migrations. Each is a numbered .sql file in ./migrations, imported as
// text (Vite's `?raw`; under plain Node the loader in scripts/sql-loader.mjs does the same).
// Forward-only: never edit a released file, add a new one.
import m0001 from './migrations/0001_init.sql?raw';
import m0002 from './migrations/0002_warehouse.sql?raw';
import m0003 from './migrations/0003_shipping.sql?raw';
import m0004 from './migrations/0004_stocktake.sql?raw';
import m0005 from './migrations/0005_alerts.sql?raw';
import m0006 from './migrations/0006_staffing.sql?raw';
import m0007 from './migrations/0007_service.sql?raw';
import m0008 from './migrations/0008_art.sql?raw';
import m0009 from './migrations/0009_perf.sql?raw';
import m0010 from './migrations/0010_complaints.sql?raw';
import m0011 from './migrations/0011_handover.sql?raw';
import m0012 from './migrations/0012_presales.sql?raw';
import m0013 from './migrations/0013_aftersales.sql?raw';
import m0014 from './migrations/0014_reviews.sql?raw';
import m0015 from './migrations/0015_promotions.sql?raw';
import m0016 from './migrations/0016_art_assessment.sql?raw';
import m0017 from './migrations/0017_agentday.sql?raw';
import m0018 from './migrations/0018_cs_perf.sql?raw';
import m0019 from './migrations/0019_promo_creative.sql?raw';
import m0020 from './migrations/0020_samples.sql?raw';
import m0021 from './migrations/0021_library_cold.sql?raw';
import m0022 from './migrations/0022_buyer_search.sql?raw';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: m0001 },
  { version: 2, name: 'warehouse', sql: m0002 },
  { version: 3, name: 'shipping', sql: m0003 },
  { version: 4, name: 'stocktake', sql: m0004 },
  { version: 5, name: 'alerts', sql: m0005 },
  { version: 6, name: 'staffing', sql: m0006 },
  { version: 7, name: 'service', sql: m0007 },
  { version: 8, name: 'art', sql: m0008 },
  { version: 9, name: 'perf', sql: m0009 },
  { version: 10, name: 'complaints', sql: m0010 },
  { version: 11, name: 'handover', sql: m0011 },
  { version: 12, name: 'presales', sql: m0012 },
  { version: 13, name: 'aftersales', sql: m0013 },
  { version: 14, name: 'reviews', sql: m0014 },
  { version: 15, name: 'promotions', sql: m0015 },
  { version: 16, name: 'art_assessment', sql: m0016 },
  { version: 17, name: 'agentday', sql: m0017 },
  { version: 18, name: 'cs_perf', sql: m0018 },
  { version: 19, name: 'promo_creative', sql: m0019 },
  { version: 20, name: 'samples', sql: m0020 },
  { version: 21, name: 'library_cold', sql: m0021 },
  { version: 22, name: 'buyer_search', sql: m0022 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
