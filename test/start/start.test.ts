// `npm start` without Electron: one line saying so, then the browser door on the per-user archive with the demo case.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot, tempDir } from '../helpers';

it('falls back to the browser door and opens the per-user archive holding the demo case', async () => {
  const home = tempDir('dossier-start-');
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: home.path, CI: '1' };
  delete env.DOSSIER_DB;
  const start = spawn(process.execPath, [join(repoRoot, 'electron', 'start.mjs'), '--browser'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const output = await new Promise<string>((resolve, reject) => {
      let text = '';
      start.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (/#token=\S+\n/.test(text)) resolve(text);
      });
      start.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${text}`)));
    });
    const lines = output.trim().split('\n');
    expect(lines[0]).toMatch(/^Electron is not available here \(.+\); opening Dossier in your browser instead\.$/);
    const [, base, token] = /(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(lines[1]!)!;
    const response = await fetch(`${base}/api/archiveInfo`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    const info = (await response.json()) as { value: { path: string; counts: Record<string, number> } };
    expect(info.value.path).toBe(join(home.path, 'Dossier', 'dossier.sqlite'));
    expect(info.value.counts).toEqual({ article: 1, statement: 1, incident: 1, note: 1 });
    const cases = (await (
      await fetch(`${base}/api/listCases`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' })
    ).json()) as { value: { cases: { name: string; itemCount: number }[] } };
    expect(cases.value.cases).toEqual([expect.objectContaining({ name: 'Al-Suknah bus ambush, April 2024', itemCount: 4 })]);
  } finally {
    start.kill('SIGTERM');
    await new Promise((resolve) => start.once('exit', resolve));
    home.remove();
  }
});
