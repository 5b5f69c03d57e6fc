// Node module hooks so that plain Node (tsx: the browser harness, benchmarks, the demo CLI) can
// import `./x.sql?raw` the way Vite does: as a module whose default export is the file's text.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
    import { readFile } from 'node:fs/promises';
    export async function load(url, context, next) {
      if (url.startsWith('file:') && /\\.sql\\?raw$/.test(url)) {
        const text = await readFile(new URL(url.replace(/\\?raw$/, '')), 'utf8');
        return { format: 'module', shortCircuit: true, source: 'export default ' + JSON.stringify(text) + ';' };
      }
      return next(url, context);
    }
  `),
  import.meta.url,
);
