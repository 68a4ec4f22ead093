// Packaging and the native-module strategy, checked without the internet: the installer configuration carries
// the fuses and unpacks native code; the Electron build of SQLite is separate from the Node one and stamped.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers';
// @ts-expect-error: a plain .mjs build script without type declarations
import { electronSqliteTarget, isElectronSqliteCurrent, wantedStamp } from '../../electron/native/prepare-electron-sqlite.mjs';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));

it('builds installers for the three desktop systems with Electron fuses set', () => {
  const build = manifest.build;
  expect(build.linux.target).toEqual(['AppImage', 'deb']);
  expect(build.win.target).toEqual(['nsis']);
  expect(build.mac.target).toEqual(['dmg']);
  expect(build.asar).toBe(true);
  expect(build.asarUnpack).toContain('**/*.node');
  expect(build.files).toEqual(expect.arrayContaining(['out/**', 'db/migrations/**', 'resources/**']));
  expect(build.electronFuses).toMatchObject({
    runAsNode: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
  });
  expect(manifest.scripts.dist).toBeDefined();
});

it('keeps the Electron build of SQLite apart from the Node build and knows when it is stale', () => {
  const root = tempDir('dossier-native-');
  try {
    for (const name of ['electron', 'better-sqlite3']) {
      mkdirSync(join(root.path, 'node_modules', name), { recursive: true });
      writeFileSync(join(root.path, 'node_modules', name, 'package.json'), JSON.stringify({ version: name === 'electron' ? '45.5.0' : '12.11.1' }));
    }
    const target = electronSqliteTarget(root.path);
    expect(target.binary).toBe(join(root.path, 'native', 'electron', 'better_sqlite3.node'));
    expect(isElectronSqliteCurrent(root.path)).toBe(false);
    mkdirSync(target.folder, { recursive: true });
    writeFileSync(target.binary, 'binary');
    writeFileSync(target.stamp, JSON.stringify(wantedStamp(root.path)));
    expect(isElectronSqliteCurrent(root.path)).toBe(true);
    writeFileSync(join(root.path, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: '46.0.0' }));
    expect(isElectronSqliteCurrent(root.path)).toBe(false);
  } finally {
    root.remove();
  }
});
