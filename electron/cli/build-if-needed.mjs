// Builds the app (CLI, desktop main, preload, renderer) when out/ is missing or older than the sources.
// Runs as npm's postinstall and before the first CLI command, so `npx dossier` works right after install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT_MARKERS = ['out/main/cli.js', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCE_FOLDERS = ['db', 'electron', 'renderer'];

function newestSourceTime(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIsCurrent() {
  const markers = BUILT_MARKERS.map((marker) => join(packageRoot, marker));
  if (!markers.every((marker) => existsSync(marker))) return false;
  const built = Math.min(...markers.map((marker) => statSync(marker).mtimeMs));
  const sources = Math.max(
    statSync(join(packageRoot, 'electron.vite.config.ts')).mtimeMs,
    ...SOURCE_FOLDERS.map((folder) => newestSourceTime(join(packageRoot, folder))),
  );
  return built >= sources;
}

export function buildIfNeeded({ quiet = false } = {}) {
  // The test suite builds once before it starts (`npm test`) and must not rebuild under its own feet.
  const trustExistingBuild = process.env.DOSSIER_NO_AUTOBUILD === '1' && existsSync(join(packageRoot, BUILT_MARKERS[0]));
  if (trustExistingBuild || buildIsCurrent()) return;
  const viteBin = join(packageRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(viteBin)) {
    throw new Error('Dossier is not built and electron-vite is missing: run `npm install` in the Dossier folder.');
  }
  if (!quiet) process.stderr.write('dossier: building the app (first run after install or change)...\n');
  const result = spawnSync(process.execPath, [viteBin, 'build'], {
    cwd: packageRoot,
    stdio: quiet ? 'ignore' : ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new Error('The build failed: run `npm run build` to see why.');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    buildIfNeeded();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
