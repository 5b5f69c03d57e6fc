// Child process of warehouse-crash.test.ts: opens the store in <dataDir> and posts document <docId>
// as <staffId> exactly as the router's 'tx' mode does (one immediate transaction around
// warehouse.post). It reports on fd 1, synchronously, so the parent can time its SIGKILL:
//   ready            store open, about to post
//   first            the first stock movement was just inserted (inside the transaction: a TEMP
//                    trigger on this connection calls back into JS)
//   done <status>    the transaction committed
// Usage: node --import ./scripts/sql-loader.mjs --import tsx warehouse-crash-child.ts <dataDir> <docId> <staffId>
import fs from 'node:fs';
import { openStore } from '../../src-main/db/store';
import { post } from '../../src-main/modules/warehouse/service';

const [dataDir, docId, staffId] = process.argv.slice(2);
if (!dataDir || !docId || !staffId)
  throw new Error('usage: warehouse-crash-child.ts <dataDir> <docId> <staffId>');
const say = (s: string) => fs.writeSync(1, s + '\n');

const store = openStore({ dataDir });
let announced = false;
store.db.function('crash_probe', () => {
  if (!announced) {
    announced = true;
    say('first');
  }
  return null;
});
store.db.exec(
  `CREATE TEMP TRIGGER crash_probe AFTER INSERT ON main.stock_movement BEGIN SELECT crash_probe(); END`,
);
say('ready');
const doc = store.tx(() => post(store, staffId, { id: docId, mayOverride: false }));
say(`done ${doc.status}`);
store.close();
