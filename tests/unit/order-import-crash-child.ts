// Child of the order-import crash test: previews the given export pair, says "committing", then
// commits in one transaction and says "done". The parent kills it in between.
import fs from 'node:fs';
import { openStore } from '../../src-main/db/store';
import { importCommit, importPreview } from '../../src-main/modules/service/order-import';

const [dataDir, orderFile, lineFile, staffId] = process.argv.slice(2);
if (!dataDir || !orderFile || !lineFile || !staffId)
  throw new Error('usage: <dataDir> <orders> <lines> <staffId>');
const store = openStore({ dataDir });
const files = [orderFile, lineFile].map((f) => ({
  fileName: f,
  contentBase64: fs.readFileSync(f).toString('base64'),
}));
const preview = importPreview(store, staffId, { files });
process.stdout.write(`committing ${preview.counts.new}\n`);
const result = store.tx(() =>
  importCommit(store, staffId, { importId: preview.importId, excludeOrders: [] }),
);
process.stdout.write(`done ${result.created}\n`);
store.close();
