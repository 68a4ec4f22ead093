// `npm start`: build, then open the desktop app on the per-user archive. Where the Electron binary cannot be
// had (air-gapped machines, build servers), or with `npm start -- --browser`, say so in one line and open the
// same UI through the browser door on the same archive.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildIfNeeded, packageRoot } from './cli/build-if-needed.mjs';
import { prepareElectronSqlite } from './native/prepare-electron-sqlite.mjs';

const ELECTRON_CHECK_TIMEOUT_MS = 180_000;

/** Asks the electron package for its binary in a child process: it downloads it on first use, which may fail. */
function electronBinary() {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: packageRoot,
    encoding: 'utf8',
    timeout: ELECTRON_CHECK_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout };
  const reason = (probe.stderr || probe.error?.message || 'unknown reason').trim().split('\n').find((line) => /Error|failed/i.test(line));
  return { reason: `its binary could not be obtained: ${reason ?? 'not installed'}` };
}

function openInBrowser(url) {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No desktop to open a browser on: the printed URL is enough.
  }
}

/** The same address every run lets the browser remember the app's layout; any free port when it is taken. */
const PREFERRED_PORT = 47913;

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function startBrowserDoor() {
  const cli = join(packageRoot, 'electron', 'cli', 'bin.mjs');
  const port = serveArguments.includes('--port') ? [] : ['--port', String((await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : 0)];
  const server = spawn(process.execPath, [cli, 'serve', '--demo', ...port, ...serveArguments], {
    cwd: packageRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server.stdout.setEncoding('utf8');
  server.stdout.on('data', (text) => {
    process.stdout.write(text);
    const url = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(text)?.[1];
    if (url && !process.env.CI) openInBrowser(url);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

const wantsBrowser = process.argv.includes('--browser');
const serveArguments = process.argv.slice(2).filter((argument) => argument !== '--browser');

buildIfNeeded();
let electron = wantsBrowser ? { reason: 'you asked for the browser with --browser' } : electronBinary();
if (electron.path) {
  const sqliteProblem = prepareElectronSqlite(packageRoot);
  if (sqliteProblem) electron = { reason: sqliteProblem };
}
if (electron.path) {
  const app = spawn(electron.path, [packageRoot], { stdio: 'inherit' });
  app.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stdout.write(`Electron is not available here (${electron.reason}); opening Dossier in your browser instead.\n`);
  void startBrowserDoor();
}
