// Where things live on disk: the per-user archive that the desktop app and the CLI share, and the package root
// that holds the migrations and resources whether we run from source, from out/ or from a packaged app.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_NAME = 'Dossier';
export const ARCHIVE_FILE_NAME = 'dossier.sqlite';

/** The folder Electron calls `userData` for an app named Dossier, computed without Electron so the CLI agrees. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

/** `$DOSSIER_DB` when set, else the per-user archive file. */
export function defaultArchivePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOSSIER_DB || join(userDataDir(env), ARCHIVE_FILE_NAME);
}

let cachedRoot: string | undefined;

/** The folder with Dossier's package.json, found by walking up from this module (source or bundle). */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'dossier') {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Dossier package root (package.json named "dossier").');
    dir = parent;
  }
}

export function migrationsDir(): string {
  return join(packageRoot(), 'db', 'migrations');
}

export function resourcesDir(): string {
  return join(packageRoot(), 'resources');
}
