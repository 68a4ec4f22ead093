// better-sqlite3 for Electron, kept apart from the Node build that tests and the CLI use, so that `npm test` and
// `npm start` both work after one `npm install`, in any order, without rebuilding back and forth. The Electron
// build lives in native/electron/ and the desktop main process loads it through better-sqlite3's nativeBinding
// option. It is fetched (prebuilt) or compiled (Electron headers) on first `npm start`, which needs the internet
// once; node_modules/better-sqlite3 is never touched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function electronSqliteTarget(packageRoot) {
  const folder = join(packageRoot, 'native', 'electron');
  return { folder, binary: join(folder, 'better_sqlite3.node'), stamp: join(folder, 'built-for.json') };
}

/** What the Electron build must match: the Electron and better-sqlite3 versions, the platform and the CPU. */
export function wantedStamp(packageRoot) {
  const version = (name) => JSON.parse(readFileSync(join(packageRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
  return { electron: version('electron'), betterSqlite3: version('better-sqlite3'), platform: process.platform, arch: process.arch };
}

export function isElectronSqliteCurrent(packageRoot) {
  const target = electronSqliteTarget(packageRoot);
  if (!existsSync(target.binary) || !existsSync(target.stamp)) return false;
  return JSON.stringify(JSON.parse(readFileSync(target.stamp, 'utf8'))) === JSON.stringify(wantedStamp(packageRoot));
}

/** Returns null on success, else why it could not be prepared (no internet, no compiler...). */
export function prepareElectronSqlite(packageRoot, log = (line) => process.stderr.write(`${line}\n`)) {
  if (isElectronSqliteCurrent(packageRoot)) return null;
  const stamp = wantedStamp(packageRoot);
  const work = mkdtempSync(join(tmpdir(), 'dossier-electron-sqlite-'));
  try {
    const copy = join(work, 'better-sqlite3');
    cpSync(join(packageRoot, 'node_modules', 'better-sqlite3'), copy, { recursive: true, filter: (path) => !path.includes(`${join('better-sqlite3', 'build')}`) });
    log(`Preparing SQLite for Electron ${stamp.electron} (once; needs the internet)...`);
    const bin = (name) => join(packageRoot, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
    const attempts = [
      [bin('prebuild-install'), ['--runtime', 'electron', '--target', stamp.electron, '--arch', stamp.arch]],
      ['npx', ['--yes', 'node-gyp@11', 'rebuild', '--release', '--runtime=electron', `--target=${stamp.electron}`, `--arch=${stamp.arch}`, '--dist-url=https://electronjs.org/headers']],
    ];
    for (const [command, args] of attempts) {
      if (command !== 'npx' && !existsSync(command)) continue;
      const result = spawnSync(command, args, { cwd: copy, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 600_000 });
      const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
      if (result.status === 0 && existsSync(built)) {
        const target = electronSqliteTarget(packageRoot);
        mkdirSync(target.folder, { recursive: true });
        cpSync(built, target.binary);
        writeFileSync(target.stamp, `${JSON.stringify(stamp, null, 2)}\n`);
        return null;
      }
    }
    return 'could not download or compile better-sqlite3 for Electron (no internet, or no C++ toolchain)';
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
