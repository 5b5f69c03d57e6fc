import { demoProducts } from '../../../resources/demo/shop';
const g = demoProducts();
let skus = 0; const cats = new Map<string, number>();
for (let i = 0; i < 60; i++) {
  const p = g.next().value; skus += p.skus.length; cats.set(p.category, (cats.get(p.category) ?? 0) + 1);
  if (i < 25) console.log(p.styleCode, p.category, p.listed ? '上架' : '下架', p.archived ? '归档' : '', p.title, '|', p.skus.length, p.skus[0]!.code, p.skus[0]!.barcode, p.skus[0]!.spec, p.skus[0]!.costFen, p.skus[0]!.priceFen, p.notes);
}
console.log('skus', skus, cats);
let t = performance.now(); let n = 0; const titles = new Set<string>();
for (let i = 0; i < 200000; i++) { const p = g.next().value; n += p.skus.length; titles.add(p.title); }
console.log('200k products', n, 'skus', (performance.now() - t).toFixed(0), 'ms', 'unique titles', titles.size);
