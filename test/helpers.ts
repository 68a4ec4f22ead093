// Shared test set-up: real archives in real temporary folders, removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive, type Archive } from '../db/open';
import { callOperation } from '../electron/contract/operations';
import type { InputOf, OperationName, OutputOf } from '../electron/contract';

export const repoRoot = join(import.meta.dirname, '..');
export const fixture = (...parts: string[]): string => join(repoRoot, 'test', 'fixtures', ...parts);

export function tempDir(prefix = 'dossier-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface TestArchive {
  archive: Archive;
  dir: string;
  path: string;
  /** Calls an operation through the contract (validation included) and unwraps the value, failing on an error. */
  call<Name extends OperationName>(name: Name, input: InputOf<Name>): Promise<OutputOf<Name>>;
  dispose(): void;
}

export function tempArchive(): TestArchive {
  const dir = tempDir();
  const path = join(dir.path, 'archive.sqlite');
  const archive = openArchive(path);
  return {
    archive,
    dir: dir.path,
    path,
    async call(name, input) {
      const result = await callOperation(archive, name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
      return result.value as never;
    },
    dispose() {
      archive.close();
      dir.remove();
    },
  };
}

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON, or undefined when it is not JSON. */
  json: any;
}

/** Runs the built `dossier` command as a user's script would: a subprocess, its output and exit code. */
export function runDossier(args: string[], options: { env?: Record<string, string>; cwd?: string; timeout?: number } = {}): CliRun {
  const result = spawnSync(process.execPath, [join(repoRoot, 'electron', 'cli', 'bin.mjs'), ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: options.timeout ?? 60_000,
  });
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    json = undefined;
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}

/** A runner bound to one archive: every call gets `--db archivePath` (and `--json` when asked). */
export function dossierOn(archivePath: string, options: { json?: boolean; cwd?: string; timeout?: number } = {}): (...args: string[]) => CliRun {
  return (...args) => runDossier([...args, '--db', archivePath, ...(options.json ? ['--json'] : [])], options);
}
