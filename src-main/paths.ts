// Where the database lives. Pure apart from path.resolve: `--data-dir D` / `--data-dir=D` on the
// command line wins (tests, the harness, a second shop on one PC), then SHOPDESK_DATA_DIR, else
// Electron's per-user folder (app.getPath('userData')).
import path from 'node:path';

const FLAG = '--data-dir';

/** The value of the last `--data-dir` on the command line, or undefined. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === FLAG) {
      const next = argv[i + 1];
      if (next !== undefined && next !== '' && !next.startsWith('--')) {
        found = next;
        i++;
      }
    } else if (arg.startsWith(`${FLAG}=`)) {
      const value = arg.slice(FLAG.length + 1);
      if (value !== '') found = value;
    }
  }
  return found;
}

export function resolveDataDir(opts: {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  userDataPath: string;
}): string {
  const fromArgs = dataDirFromArgv(opts.argv);
  if (fromArgs) return path.resolve(fromArgs);
  const fromEnv = opts.env.SHOPDESK_DATA_DIR?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  return path.resolve(opts.userDataPath);
}

/**
 * better-sqlite3's `nativeBinding` for the Electron main process, or undefined for the default
 * (node_modules/better-sqlite3/build/Release, which a packaged build has rebuilt for Electron).
 * Unpackaged runs (`npm start` / `npm run dev`) use the Electron build that
 * scripts/electron-native.mjs keeps in .native/electron/, because node_modules holds the build
 * for system Node that the unit tests use. SHOPDESK_NATIVE_BINDING overrides it, but only
 * unpackaged: an installed app must not load a native library named by an environment variable.
 */
export function resolveNativeBinding(opts: {
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  appPath: string;
  exists: (file: string) => boolean;
}): string | undefined {
  if (opts.isPackaged) return undefined;
  const fromEnv = opts.env.SHOPDESK_NATIVE_BINDING?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  const local = path.join(opts.appPath, '.native', 'electron', 'better_sqlite3.node');
  return opts.exists(local) ? local : undefined;
}
