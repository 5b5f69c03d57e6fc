#!/usr/bin/env node
// better-sqlite3 for Electron, without touching node_modules.
//
// better-sqlite3 is a native addon, built for one ABI. node_modules/better-sqlite3 holds the build
// for system Node (the unit tests, the browser harness, the demo CLI use it); Electron's main
// process needs a build for Electron's ABI. This script keeps that second build in
// .native/electron/better_sqlite3.node, and src-main/index.ts passes it to better-sqlite3 as
// `nativeBinding` when the app runs unpackaged (`npm start`, `npm run dev` run this script first).
// Packaged builds do not use it: electron-builder rebuilds the addon for Electron itself
// (`npmRebuild: true` in electron-builder.yml).
//
// How: copy node_modules/better-sqlite3 (without its build/) to a temp folder, then there
//   1. prebuild-install --runtime=electron --target=<electron version>  (download the prebuilt
//      binary better-sqlite3 publishes for each Electron ABI; no compiler needed), else
//   2. node-gyp rebuild --target=<electron version> --dist-url=https://electronjs.org/headers
//      (compile against Electron's headers; needs Python and a C++20 compiler),
// and copy build/Release/better_sqlite3.node to .native/electron/. `.native/electron/version.txt`
// records what it was built for (Electron version, better-sqlite3 version, platform, arch); the
// work is skipped while that matches. Both steps need the network the first time.
// (@electron/rebuild would do the same, but its current major requires Node >= 22.12.)
//
// Usage: node scripts/electron-native.mjs [--force] [--check]
//   --force  rebuild even if the stamp matches
//   --check  only report; exit 1 if a rebuild is needed
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, '.native', 'electron');
export const BINARY_NAME = 'better_sqlite3.node';
export const STAMP_NAME = 'version.txt';
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/** What the binary was built for. The first line is the Electron version on its own. */
export function stampFor({ electronVersion, moduleVersion, platform, arch }) {
  return `${electronVersion}\nbetter-sqlite3=${moduleVersion}\nplatform=${platform}-${arch}\n`;
}

/** Whether the existing build can be used as is. */
export function isUpToDate({ binaryExists, stamp, expected }) {
  if (!binaryExists || typeof stamp !== 'string') return false;
  return normalise(stamp) === normalise(expected);
}

function normalise(text) {
  return text.replace(/\r\n/g, '\n').trim();
}

export function prebuildArgs({ electronVersion, platform, arch }) {
  return [
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--platform=${platform}`,
    `--arch=${arch}`,
    '--verbose',
  ];
}

export function nodeGypArgs({ electronVersion, arch, devDir }) {
  return [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    // Electron's headers live apart from Node's (as Electron's docs do with HOME=~/.electron-gyp).
    `--devdir=${devDir}`,
  ];
}

export function parseArgs(argv) {
  const opts = { force: false, check: false, arch: process.arch, platform: process.platform };
  for (const arg of argv) {
    if (arg === '--force') opts.force = true;
    else if (arg === '--check') opts.check = true;
    else if (arg.startsWith('--arch=')) opts.arch = arg.slice('--arch='.length);
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else throw new Error(`Unknown argument: ${arg}`);
  }
  return opts;
}

// ------------------------------------------------------------------------------------------------

const log = (msg) => console.log(`[electron-native] ${msg}`);

class Failure extends Error {}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function packageDir(require, name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    throw new Failure(`${name} is not installed. Run \`npm install\` first.`);
  }
}

function run(label, command, args, cwd) {
  log(`${label}: ${path.basename(command)} ${args.join(' ')}`);
  const res = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (res.error) {
    log(`${label} could not start: ${res.error.message}`);
    return false;
  }
  if (res.status !== 0) {
    log(`${label} failed (exit code ${res.status ?? res.signal}).`);
    return false;
  }
  return true;
}

function findNodeGyp(require) {
  try {
    return require.resolve('node-gyp/bin/node-gyp.js');
  } catch {
    // npm sets this for the scripts it runs; it points at npm's own bundled node-gyp.
    const fromNpm = process.env.npm_config_node_gyp;
    return fromNpm && fs.existsSync(fromNpm) ? fromNpm : null;
  }
}

function findPrebuildInstall(moduleDir) {
  try {
    return createRequire(path.join(moduleDir, 'package.json')).resolve('prebuild-install/bin.js');
  } catch {
    return null;
  }
}

function build({ electronVersion, moduleDir, platform, arch }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shopdesk-better-sqlite3-'));
  const work = path.join(tmp, 'better-sqlite3');
  try {
    // The package without its Node build (build/ would only confuse node-gyp's configure).
    fs.cpSync(moduleDir, work, {
      recursive: true,
      filter: (src) => {
        const rel = path.relative(moduleDir, src);
        return rel !== 'build' && !rel.startsWith(`build${path.sep}`);
      },
    });
    const built = path.join(work, 'build', 'Release', BINARY_NAME);

    const prebuild = findPrebuildInstall(moduleDir);
    if (
      prebuild &&
      run(
        'prebuild-install',
        process.execPath,
        [prebuild, ...prebuildArgs({ electronVersion, platform, arch })],
        work,
      ) &&
      fs.existsSync(built)
    ) {
      return copyOut(built);
    }
    if (platform !== process.platform) {
      throw new Failure(`No prebuilt binary for ${platform}-${arch}, and node-gyp cannot cross-compile.`);
    }

    log('No prebuilt binary; compiling against Electron headers with node-gyp.');
    const nodeGyp = findNodeGyp(createRequire(path.join(ROOT, 'package.json')));
    const devDir = path.join(os.homedir(), '.electron-gyp');
    const args = nodeGypArgs({ electronVersion, arch, devDir });
    if (!nodeGyp) throw new Failure('node-gyp not found (neither in node_modules nor npm_config_node_gyp).');
    const ok = run('node-gyp', process.execPath, [nodeGyp, ...args], work);
    if (!ok || !fs.existsSync(built)) {
      throw new Failure(
        [
          'Building better-sqlite3 for Electron failed.',
          'Needs: network access to download Electron headers (or a prebuilt binary), Python 3 and a C++20 compiler:',
          '  Windows: Visual Studio Build Tools with "Desktop development with C++";',
          '  Debian/Ubuntu: apt-get install build-essential python3.',
          'Alternatively set SHOPDESK_NATIVE_BINDING to a better_sqlite3.node built for this Electron.',
        ].join('\n'),
      );
    }
    return copyOut(built);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function copyOut(built) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const target = path.join(OUT_DIR, BINARY_NAME);
  const partial = `${target}.partial`;
  fs.copyFileSync(built, partial);
  fs.renameSync(partial, target);
  return target;
}

export function main(argv = process.argv.slice(2)) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    console.error(`[electron-native] ${e.message}`);
    return 2;
  }
  if (opts.help) {
    log('Usage: node scripts/electron-native.mjs [--force] [--check] [--arch=x64]');
    return 0;
  }
  if (process.env.SHOPDESK_NATIVE_BINDING) {
    log(`SHOPDESK_NATIVE_BINDING is set (${process.env.SHOPDESK_NATIVE_BINDING}); nothing to do.`);
    return 0;
  }

  try {
    const require = createRequire(path.join(ROOT, 'package.json'));
    const electronVersion = readJson(path.join(packageDir(require, 'electron'), 'package.json')).version;
    const moduleDir = packageDir(require, 'better-sqlite3');
    const moduleVersion = readJson(path.join(moduleDir, 'package.json')).version;
    const expected = stampFor({ electronVersion, moduleVersion, platform: opts.platform, arch: opts.arch });

    const binary = path.join(OUT_DIR, BINARY_NAME);
    const stampFile = path.join(OUT_DIR, STAMP_NAME);
    const stamp = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8') : null;
    const upToDate = isUpToDate({ binaryExists: fs.existsSync(binary), stamp, expected });
    const what = `better-sqlite3 ${moduleVersion} for Electron ${electronVersion} (${opts.platform}-${opts.arch})`;

    if (upToDate && !opts.force) {
      log(`${what}: up to date in ${path.relative(ROOT, binary)}.`);
      return 0;
    }
    if (opts.check) {
      log(`${what}: needs building (run without --check).`);
      return 1;
    }

    log(`Building ${what} …`);
    // Remove the stamp first: an interrupted run must not look finished.
    fs.rmSync(stampFile, { force: true });
    const out = build({ electronVersion, moduleDir, platform: opts.platform, arch: opts.arch });
    fs.writeFileSync(stampFile, expected);
    log(`Done: ${path.relative(ROOT, out)}.`);
    return 0;
  } catch (e) {
    console.error(`\n[electron-native] ERROR: ${e instanceof Failure ? e.message : (e?.stack ?? e)}`);
    console.error('[electron-native] The Electron app cannot open its database without this build.');
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}
