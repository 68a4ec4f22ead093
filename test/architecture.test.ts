// Folders are runtimes: the rules of ARCHITECTURE.md checked on every import statement, not left to memory.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './helpers';

function sourceFiles(folder: string): string[] {
  return readdirSync(join(repoRoot, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|mjs)$/.test(entry.name))
    .map((entry) => relative(repoRoot, join(entry.parentPath, entry.name)));
}

/** Every module specifier a file imports, type-only imports excluded (they vanish at build time). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(join(repoRoot, file), 'utf8');
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    if (match[2]) continue;
    specifiers.push((match[3] ?? match[4] ?? match[5])!);
  }
  return specifiers;
}

describe('content security policy', () => {
  it('the renderer page carries the same policy the doors send (less what only headers can say)', async () => {
    const { CONTENT_SECURITY_POLICY } = await import('../electron/contract/security');
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const headerOnly = (directive: string): boolean => directive.startsWith('frame-ancestors');
    expect(meta).toBe(CONTENT_SECURITY_POLICY.split('; ').filter((d) => !headerOnly(d)).join('; '));
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline/);
  });
});

describe('runtime boundaries', () => {
  it('db/ never imports electron or the DOM, and only the contract vocabulary and types from electron/', () => {
    for (const file of sourceFiles('db')) {
      for (const specifier of runtimeImports(file)) {
        expect(specifier, file).not.toBe('electron');
        expect(specifier, file).not.toMatch(/^(react|react-dom)/);
        if (specifier.includes('electron/')) expect(specifier, file).toMatch(/electron\/contract(\/vocabulary|\/security)?$/);
      }
    }
  });

  it('renderer/ never imports node:*, better-sqlite3, electron, or the engine', () => {
    const files = sourceFiles('renderer');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const specifier of runtimeImports(file)) {
        expect(specifier, file).not.toMatch(/^node:|^(fs|path|os|child_process|crypto)$/);
        expect(specifier, file).not.toMatch(/better-sqlite3|drizzle-orm|^electron$/);
        expect(specifier, file).not.toMatch(/(^|\/)db\//);
        expect(specifier, file).not.toMatch(/contract\/operations/);
      }
    }
  });

  it('the preload imports only electron and the contract vocabulary', () => {
    for (const file of sourceFiles('electron/preload')) {
      for (const specifier of runtimeImports(file)) {
        expect(['electron', '../contract/vocabulary'], file).toContain(specifier);
      }
    }
  });

  it('the contract module itself is pure (no Node, no engine)', () => {
    const pure = ['index.ts', 'vocabulary.ts', 'security.ts', 'records.ts', 'dates.ts'].map((name) => `electron/contract/${name}`);
    for (const file of pure) {
      for (const specifier of runtimeImports(file)) expect(['zod', './vocabulary', './records', './dates'], file).toContain(specifier);
    }
  });
});
