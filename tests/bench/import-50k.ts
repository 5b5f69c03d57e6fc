// import-50k: a 50,000-row GBK-encoded catalog file (as a shop's Excel on Chinese Windows saves
// it) through importPreview and importCommit, each in its own transaction as the router runs
// them, into an empty catalog. Prints rows per second for preview, commit and the two together.
import { openStore } from '../../src-main/db/store';
import { csvLine } from '../../src-main/lib/csv';
import { encodeText } from '../../src-main/lib/encoding';
import { importCommit, importPreview } from '../../src-main/modules/catalog/import';
import { roster } from '../../src-main/modules/staff/service';
import { scaleCsvRows, seedDemoShop } from '../../resources/demo/shop';
import { heading, int, mib, ms, printTable, tempDir, time, type SummaryLine } from './util';

const ROWS = 50_000;

export async function run(): Promise<SummaryLine[]> {
  heading(`import-${ROWS / 1000}k: importPreview + importCommit of a GBK file`);
  const { dir, cleanup } = tempDir('import');
  const store = openStore({ dataDir: dir });
  try {
    seedDemoShop(store, { products: 0 }); // the shop and its people, no catalog
    const staff = roster(store).find((p) => p.role === 'wh_supervisor');
    if (!staff) throw new Error('no warehouse supervisor');

    const built = time(() => {
      let text = '';
      for (const row of scaleCsvRows(ROWS)) text += csvLine(row);
      return encodeText(text, 'gbk');
    });
    const file = built.value;
    const contentBase64 = file.toString('base64');
    console.log(`  file: ${int(ROWS)} rows, ${mib(file.length)} GBK (built in ${ms(built.ms, 0)} ms)`);

    const preview = time(() =>
      store.tx(() => importPreview(store, staff.id, { fileName: '商品资料.csv', contentBase64 })),
    );
    const p = preview.value;
    if (p.counts.new !== ROWS || p.counts.rejected !== 0) {
      throw new Error(`unexpected preview counts ${JSON.stringify(p.counts)}`);
    }
    const commit = time(() =>
      store.tx(() => importCommit(store, staff.id, { importId: p.importId, excludeRows: [] })),
    );
    const skus = (store.db.prepare('SELECT COUNT(*) AS n FROM sku').get() as { n: number }).n;
    const products = (store.db.prepare('SELECT COUNT(*) AS n FROM product').get() as { n: number }).n;
    if (commit.value.created !== ROWS || skus !== ROWS) {
      throw new Error(`commit created ${commit.value.created}, sku table holds ${skus}`);
    }
    console.log(
      `  detected encoding ${p.encoding}; created ${int(skus)} SKUs in ${int(products)} products\n`,
    );
    const total = preview.ms + commit.ms;
    printTable(
      ['step', 'rows', 'time', 'rows/s'],
      [
        [
          'preview (decode, parse, validate, plan)',
          int(ROWS),
          `${ms(preview.ms / 1000)} s`,
          int(ROWS / (preview.ms / 1000)),
        ],
        [
          'commit (plan again, insert, change_log)',
          int(ROWS),
          `${ms(commit.ms / 1000)} s`,
          int(ROWS / (commit.ms / 1000)),
        ],
        ['total', int(ROWS), `${ms(total / 1000)} s`, int(ROWS / (total / 1000))],
      ],
    );
    const bench = 'import-50k';
    return [
      { bench, figure: 'preview rows/s', value: int(ROWS / (preview.ms / 1000)) },
      { bench, figure: 'commit rows/s', value: int(ROWS / (commit.ms / 1000)) },
      {
        bench,
        figure: 'total rows/s (50k rows)',
        value: `${int(ROWS / (total / 1000))} (${ms(total / 1000)} s)`,
      },
    ];
  } finally {
    store.close();
    cleanup();
  }
}
