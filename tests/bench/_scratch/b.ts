import Database from 'better-sqlite3';
import { pinyinInitials } from '../../../src-main/lib/text';
const db = new Database(':memory:');
console.log(db.prepare('select sqlite_version() v').get());
console.log(db.prepare("select * from pragma_compile_options where compile_options like '%FTS%'").all());
let t = performance.now();
for (let i = 0; i < 20000; i++) pinyinInitials('2026夏季新款纯棉圆领短袖T恤男宽松百搭半袖上衣' + (i % 100));
console.log('pinyin per call µs', ((performance.now() - t) * 1000) / 20000);
