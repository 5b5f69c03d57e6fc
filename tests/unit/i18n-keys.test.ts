// Every error key that main can send is translated in both languages, so the UI never shows a raw
// key or a generic fallback where a specific message belongs. The keys are collected from the
// main-process source itself, so a new AppError without a translation fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/en';
import zhCN from '../../src-renderer/src/i18n/zh-CN';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** `errors.<key>` keys main can produce: AppError(code, 'key'), field problems, schema messages. */
function keysFromMain(): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(path.join(ROOT, 'src-main'))) {
    const src = fs.readFileSync(file, 'utf8');
    for (const m of src.matchAll(/new AppError\(\s*'[A-Z_]+',\s*'([\w.]+)'/g)) keys.add(m[1]!);
    for (const m of src.matchAll(/key: '((?:validation|import)\.[\w.]+)'/g)) keys.add(m[1]!);
    for (const m of src.matchAll(/message: 'key:(\w+)'/g)) keys.add(`validation.${m[1]!}`);
    for (const m of src.matchAll(/err\(\s*\w+,\s*'([\w.]+)'/g)) keys.add(m[1]!);
    for (const m of src.matchAll(/reject\(\s*[^,]+,\s*'([\w.]+)'/g)) keys.add(m[1]!);
    for (const m of src.matchAll(/notFound\('(\w+)'\)/g)) keys.add(`notFoundOf.${m[1]!}`);
  }
  keys.add('notFound');
  return keys;
}

function lookup(messages: unknown, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      messages,
    );
}

describe('error translations', () => {
  const keys = [...keysFromMain()].sort();

  it('finds the keys main produces (sanity)', () => {
    for (const k of [
      'wrongPin',
      'locked',
      'staleEdit',
      'validation.required',
      'validation.codeTaken',
      'import.hasRejected',
      'notFoundOf.product',
    ]) {
      expect(keys).toContain(k);
    }
  });

  it.each(keys)('errors.%s is translated in zh-CN and en', (key) => {
    const zh = lookup(zhCN.errors, key);
    const english = lookup(en.errors, key);
    expect(typeof zh, `zh-CN errors.${key}`).toBe('string');
    expect(typeof english, `en errors.${key}`).toBe('string');
    expect(zh as string).toMatch(/[\u4e00-\u9fff]/); // Chinese, not an English leftover
  });

  it('every validation key of the router is translated', () => {
    const router = fs.readFileSync(path.join(ROOT, 'src-main/api/router.ts'), 'utf8');
    const fromRouter = [...router.matchAll(/key: '(validation\.\w+)'/g)].map((m) => m[1]!);
    expect(fromRouter.length).toBeGreaterThan(8);
    for (const k of fromRouter) expect(typeof lookup(zhCN.errors, k), k).toBe('string');
  });
});
