#!/usr/bin/env node
// `dossier`: builds on first use if needed, then hands the arguments to the bundled CLI.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded, packageRoot } from './build-if-needed.mjs';

try {
  buildIfNeeded();
  const { runCli } = await import(pathToFileURL(join(packageRoot, 'out', 'main', 'cli.js')).href);
  process.exitCode = await runCli(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`dossier: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
