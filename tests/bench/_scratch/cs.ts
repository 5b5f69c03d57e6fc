import { run } from '../catalog-search';
await run();
