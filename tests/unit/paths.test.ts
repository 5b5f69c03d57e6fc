import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirFromArgv, resolveDataDir, resolveNativeBinding } from '../../src-main/paths';

const userDataPath = path.resolve('/home/shop/.config/ShopDesk');
const exe = ['/opt/ShopDesk/shopdesk'];

describe('resolveDataDir', () => {
  it('uses the user-data folder by default', () => {
    expect(resolveDataDir({ argv: exe, env: {}, userDataPath })).toBe(userDataPath);
  });

  it('uses SHOPDESK_DATA_DIR when set', () => {
    const env = { SHOPDESK_DATA_DIR: '/srv/shop-a' };
    expect(resolveDataDir({ argv: exe, env, userDataPath })).toBe(path.resolve('/srv/shop-a'));
  });

  it('ignores an empty or blank SHOPDESK_DATA_DIR', () => {
    expect(resolveDataDir({ argv: exe, env: { SHOPDESK_DATA_DIR: '' }, userDataPath })).toBe(userDataPath);
    expect(resolveDataDir({ argv: exe, env: { SHOPDESK_DATA_DIR: '  ' }, userDataPath })).toBe(userDataPath);
  });

  it('--data-dir D wins over the environment', () => {
    const env = { SHOPDESK_DATA_DIR: '/srv/env' };
    const argv = [...exe, '--data-dir', '/srv/flag'];
    expect(resolveDataDir({ argv, env, userDataPath })).toBe(path.resolve('/srv/flag'));
  });

  it('--data-dir=D wins over the environment', () => {
    const env = { SHOPDESK_DATA_DIR: '/srv/env' };
    const argv = [...exe, '--data-dir=/srv/flag'];
    expect(resolveDataDir({ argv, env, userDataPath })).toBe(path.resolve('/srv/flag'));
  });

  it('keeps spaces and Chinese characters in the folder name', () => {
    const argv = [...exe, '--data-dir=/srv/店务 数据'];
    expect(resolveDataDir({ argv, env: {}, userDataPath })).toBe(path.resolve('/srv/店务 数据'));
  });

  it('resolves a relative folder to an absolute path', () => {
    const argv = [...exe, '--data-dir', 'tmp/data'];
    const dir = resolveDataDir({ argv, env: {}, userDataPath });
    expect(path.isAbsolute(dir)).toBe(true);
    expect(dir).toBe(path.resolve('tmp/data'));
  });
});

describe('dataDirFromArgv', () => {
  it.each<[string[], string | undefined]>([
    [[], undefined],
    [['--data-dir'], undefined],
    [['--data-dir='], undefined],
    [['--data-dir', ''], undefined],
    [['--data-dir', '--inspect'], undefined],
    [['--data-dir', 'a'], 'a'],
    [['--data-dir=a'], 'a'],
    [['--data-dir=a=b'], 'a=b'],
    [['--data-dir', 'a', '--data-dir=b'], 'b'],
    [['--data-directory=a'], undefined],
    [['--', '--data-dir=a'], undefined],
    [['--other', '--data-dir', 'x', 'file.csv'], 'x'],
  ])('%j → %s', (argv, expected) => {
    expect(dataDirFromArgv(argv)).toBe(expected);
  });
});

describe('resolveNativeBinding', () => {
  const appPath = path.resolve('/work/shopdesk');
  const local = path.join(appPath, '.native', 'electron', 'better_sqlite3.node');

  it('uses the default binding in a packaged app, even with the variable set', () => {
    const env = { SHOPDESK_NATIVE_BINDING: '/tmp/evil.node' };
    expect(resolveNativeBinding({ env, isPackaged: true, appPath, exists: () => true })).toBeUndefined();
  });

  it('uses SHOPDESK_NATIVE_BINDING when unpackaged', () => {
    const env = { SHOPDESK_NATIVE_BINDING: '/opt/b/better_sqlite3.node' };
    expect(resolveNativeBinding({ env, isPackaged: false, appPath, exists: () => false })).toBe(
      path.resolve('/opt/b/better_sqlite3.node'),
    );
  });

  it('uses .native/electron/better_sqlite3.node when it exists', () => {
    const seen: string[] = [];
    const exists = (f: string) => (seen.push(f), true);
    expect(resolveNativeBinding({ env: {}, isPackaged: false, appPath, exists })).toBe(local);
    expect(seen).toEqual([local]);
  });

  it('falls back to the default binding when the Electron build is missing', () => {
    expect(
      resolveNativeBinding({ env: {}, isPackaged: false, appPath, exists: () => false }),
    ).toBeUndefined();
  });
});
