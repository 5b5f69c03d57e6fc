// npm run demo -- --data-dir D [--products N | --scale N] [--seed S]
// Seeds an empty data folder with the demo shop (or, with --scale, a catalog of N SKUs for
// benchmarks) and prints who can sign in with which PIN.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../../src-main/db/store';
import { DEFAULT_SEED, DEMO_PEOPLE, DEMO_SHOP, ROLE_TITLES, seedDemoShop, seedScale } from './shop';

const USAGE = `Usage: npm run demo -- --data-dir <folder> [--products N | --scale N] [--seed S]

  --data-dir D   data folder to create the shop in (must not hold a shop yet)
  --products N   demo shop with N products (default 60, about 5 SKUs each)
  --scale N      benchmark catalog of exactly N SKUs instead (e.g. 50000)
  --seed S       random seed (default ${DEFAULT_SEED}); the same seed gives the same shop`;

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} needs a whole number, got "${text}"`);
  return Number(text);
}

function main(): number {
  let args;
  try {
    args = parseArgs({
      options: {
        'data-dir': { type: 'string' },
        products: { type: 'string' },
        scale: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (!args['data-dir']) {
    console.error(`--data-dir is required.\n\n${USAGE}`);
    return 2;
  }
  let products: number | undefined, scale: number | undefined, seed: number | undefined;
  try {
    products = wholeNumber('products', args.products);
    scale = wholeNumber('scale', args.scale);
    seed = wholeNumber('seed', args.seed);
    if (products !== undefined && scale !== undefined) throw new Error('Use either --products or --scale.');
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }

  const dataDir = path.resolve(args['data-dir']);
  const store = openStore({ dataDir });
  try {
    const started = performance.now();
    if (scale !== undefined) seedScale(store, { skus: scale, ...(seed !== undefined ? { seed } : {}) });
    else
      seedDemoShop(store, {
        ...(seed !== undefined ? { seed } : {}),
        ...(products !== undefined ? { products } : {}),
      });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const n = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
    const productCount = n('SELECT COUNT(*) AS n FROM product');
    const skuCount = n('SELECT COUNT(*) AS n FROM sku');

    console.log(`${DEMO_SHOP.name} (${DEMO_SHOP.timeZone})`);
    console.log(`Data folder: ${dataDir}`);
    console.log(`Catalog:     ${productCount} products, ${skuCount} SKUs (${seconds} s)\n`);
    console.log('Sign in as:');
    const width = Math.max(...DEMO_PEOPLE.map((p) => p.role.length));
    for (const p of DEMO_PEOPLE) {
      console.log(
        `  PIN ${p.pin}  ${p.role.padEnd(width)}  ${ROLE_TITLES[p.role].padEnd(4, '\u3000')}  ${p.name}`,
      );
    }
    return 0;
  } catch (e) {
    console.error(`Could not seed ${dataDir}: ${(e as Error).message}`);
    return 1;
  } finally {
    store.close();
  }
}

process.exitCode = main();
