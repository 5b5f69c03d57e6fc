// Small helpers shared by the benchmarks: temp folders, percentiles, tables, child processes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One line of the summary that run.ts prints at the end. */
export interface SummaryLine {
  bench: string;
  figure: string;
  value: string;
  target?: string;
  /** Whether the target is met; undefined when the figure has no target. */
  met?: boolean;
}

/** A fresh temp folder, removed by `cleanup()`. */
export function tempDir(label: string): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `shopdesk-bench-${label}-`));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

export const ms = (n: number, digits = 2): string => (Number.isFinite(n) ? n.toFixed(digits) : '-');
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Display width: CJK characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

/** Print a table; columns whose cells all look numeric are right-aligned. */
export function printTable(headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const numeric = headers.map((_, i) =>
    rows.every((r) => /^[-\d.,%×<>≤ ]*(ms|s|MiB|x|×)?$/.test(r[i] ?? '')),
  );
  const cell = (s: string, i: number) => {
    const pad = ' '.repeat(widths[i]! - width(s));
    return numeric[i] ? pad + s : s + pad;
  };
  console.log('  ' + headers.map(cell).join('  '));
  console.log('  ' + widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log('  ' + r.map(cell).join('  '));
}

export function heading(title: string): void {
  console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 76 - title.length))}`);
}

/** Time a synchronous function, in ms. */
export function time<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/**
 * Run a TypeScript file in a child Node process with the same loaders as this one (tsx and the
 * .sql?raw loader); resolves with its stdout. Rejects on a non-zero exit.
 */
export function runChild(file: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, file, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${path.basename(file)} exited with ${code}`)),
    );
  });
}

/**
 * Run a command with its stdout going straight into `stdoutFile`, resolving with its wall time
 * in ms. Rejects on a non-zero exit.
 */
export async function runCommand(cmd: string, args: readonly string[], stdoutFile: string): Promise<number> {
  const fd = fs.openSync(stdoutFile, 'w');
  try {
    return await new Promise<number>((resolve, reject) => {
      const t = performance.now();
      const child = spawn(cmd, args, { stdio: ['ignore', fd, 'inherit'] });
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolve(performance.now() - t) : reject(new Error(`${cmd} exited with ${code}`)),
      );
    });
  } finally {
    fs.closeSync(fd);
  }
}
