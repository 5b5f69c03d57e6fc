// npm run dev:browser [-- --demo [--no-demo-orders]] [--data-dir D] [--port P] [--no-build]
// Builds the renderer, then serves it with the real router on 127.0.0.1 and prints the URL.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHarness } from './server';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    'no-demo-orders': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'export-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    'no-build': { type: 'boolean', default: false },
  },
});

if (!values['no-build']) {
  console.log('Building the renderer (electron-vite build)…');
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
}
const dataDir = path.resolve(values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-')));
const h = await startHarness({
  dataDir,
  demo: values.demo,
  demoOrders: values.demo && !values['no-demo-orders'],
  port: Number(values.port),
  ...(values['export-dir'] ? { exportDir: path.resolve(values['export-dir']) } : {}),
});
console.log(`\nShopDesk browser harness (never shipped; loopback only)`);
console.log(`  data folder : ${h.dataDir}`);
console.log(`  exports     : ${h.exportDir}`);
if (h.demoPeople) {
  console.log('  demo people (name · role · PIN):');
  for (const p of h.demoPeople) console.log(`    ${p.name} · ${p.role} · ${p.pin}`);
}
console.log(`\n  open: ${h.url}\n`);
const stop = () => void h.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
