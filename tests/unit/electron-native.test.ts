// The pure parts of scripts/electron-native.mjs (the build itself needs the network and Electron's
// headers, so it is not run here).
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

interface ElectronNative {
  ROOT: string;
  OUT_DIR: string;
  ELECTRON_HEADERS_URL: string;
  stampFor(o: { electronVersion: string; moduleVersion: string; platform: string; arch: string }): string;
  isUpToDate(o: { binaryExists: boolean; stamp: string | null; expected: string }): boolean;
  prebuildArgs(o: { electronVersion: string; platform: string; arch: string }): string[];
  nodeGypArgs(o: { electronVersion: string; arch: string; devDir: string }): string[];
  parseArgs(argv: string[]): { force: boolean; check: boolean; arch: string; help?: boolean };
  main(argv: string[]): number;
}

// A .mjs script without type declarations: imported through a variable, typed by the interface above.
const scriptPath = '../../scripts/electron-native.mjs';
const native = (await import(/* @vite-ignore */ scriptPath)) as ElectronNative;

const target = { electronVersion: '39.8.10', moduleVersion: '12.11.1', platform: 'win32', arch: 'x64' };

describe('electron-native stamp', () => {
  it('records Electron version first, then module version and platform', () => {
    expect(native.stampFor(target)).toBe('39.8.10\nbetter-sqlite3=12.11.1\nplatform=win32-x64\n');
  });

  it('is up to date only with the binary present and the same stamp', () => {
    const expected = native.stampFor(target);
    expect(native.isUpToDate({ binaryExists: true, stamp: expected, expected })).toBe(true);
    expect(native.isUpToDate({ binaryExists: true, stamp: expected.replace(/\n/g, '\r\n'), expected })).toBe(
      true,
    );
    expect(native.isUpToDate({ binaryExists: false, stamp: expected, expected })).toBe(false);
    expect(native.isUpToDate({ binaryExists: true, stamp: null, expected })).toBe(false);
    for (const changed of [
      { ...target, electronVersion: '39.8.11' },
      { ...target, moduleVersion: '12.12.0' },
      { ...target, platform: 'linux' },
      { ...target, arch: 'arm64' },
    ]) {
      expect(native.isUpToDate({ binaryExists: true, stamp: native.stampFor(changed), expected })).toBe(
        false,
      );
    }
  });
});

describe('electron-native commands', () => {
  it('asks prebuild-install for the Electron runtime at the exact version', () => {
    expect(native.prebuildArgs(target)).toEqual([
      '--runtime=electron',
      '--target=39.8.10',
      '--platform=win32',
      '--arch=x64',
      '--verbose',
    ]);
  });

  it('builds with node-gyp against Electron headers in their own dev dir', () => {
    const args = native.nodeGypArgs({
      electronVersion: '39.8.10',
      arch: 'x64',
      devDir: '/home/a/.electron-gyp',
    });
    expect(args[0]).toBe('rebuild');
    expect(args).toContain('--target=39.8.10');
    expect(args).toContain('--arch=x64');
    expect(args).toContain('--runtime=electron');
    expect(args).toContain('--dist-url=https://electronjs.org/headers');
    expect(args).toContain('--devdir=/home/a/.electron-gyp');
  });

  it('writes under <project>/.native/electron', () => {
    expect(native.OUT_DIR).toBe(path.join(native.ROOT, '.native', 'electron'));
    expect(path.basename(native.ROOT)).not.toBe('scripts');
  });

  it('parses its flags and refuses unknown ones', () => {
    expect(native.parseArgs([])).toMatchObject({ force: false, check: false, arch: process.arch });
    expect(native.parseArgs(['--force', '--check', '--arch=arm64'])).toMatchObject({
      force: true,
      check: true,
      arch: 'arm64',
    });
    expect(() => native.parseArgs(['--nope'])).toThrow(/Unknown argument/);
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(native.main(['--nope'])).toBe(2);
    err.mockRestore();
  });
});
