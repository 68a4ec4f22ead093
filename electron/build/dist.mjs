// `npm run dist`: installers for Linux (AppImage, deb), Windows (nsis) and macOS (dmg) with electron-builder,
// configured under "build" in package.json (fuses, asar, unpacked native modules). Building installers needs
// the internet (electron-builder, Electron binaries, better-sqlite3 for Electron's ABI); running Dossier does not.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../cli/build-if-needed.mjs';

const ELECTRON_BUILDER = 'electron-builder@26.0.12';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: packageRoot, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, [join(packageRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
process.stdout.write(`Packaging with ${ELECTRON_BUILDER} (downloads it and Electron: needs the internet)...\n`);
run('npx', ['--yes', ELECTRON_BUILDER, '--publish', 'never', ...process.argv.slice(2)]);
