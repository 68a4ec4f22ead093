// Case files: export a case as a zip, verify one, import and merge one, and settle the conflicts an import left.
import { resolve } from 'node:path';
import { verifyCase } from '../../../db/export/verify';
import type { CaseExportResult, CaseImportReport, CaseVerification, ConflictView, ResolvedConflict } from '../../contract';
import { type Command, type Context, UsageError, defined, flag, str, text } from '../command';

function show(context: Context, value: unknown, command: string, readable: (value: never) => string): void {
  if (context.json) context.print(value, command);
  else process.stdout.write(`${readable(value as never)}\n`);
}

function formatExport(result: CaseExportResult): string {
  return [
    `exported "${result.caseName}": ${result.items} items, ${result.files} files, ${result.bytes} bytes`,
    `to ${result.path}`,
    `fingerprint (SHA-256 of manifest.json): ${result.manifestSha256}`,
    'Tell the recipient this fingerprint by another channel; `dossier verify` on their side prints it too.',
  ].join('\n');
}

function formatVerification(report: CaseVerification): string {
  const lines = report.files.filter((file) => file.status !== 'ok').map((file) => {
    const detail =
      file.status === 'altered' && file.actualSha256
        ? `  expected ${file.expectedSha256}, found ${file.actualSha256}`
        : file.status === 'altered'
          ? `  expected ${file.expectedSize} bytes, found ${file.actualSize}`
          : '';
    return `${file.status.toUpperCase().padEnd(10)} ${file.path}${detail}`;
  });
  lines.push(...report.problems.map((problem) => `PROBLEM    ${problem}`));
  lines.push(
    `case "${report.caseName}" (${report.caseId}), ${report.itemCount} items, written ${report.createdAt} by Dossier ${report.appVersion}`,
    `fingerprint (SHA-256 of manifest.json): ${report.manifestSha256}`,
    `${report.counts.ok} ok, ${report.counts.altered} altered, ${report.counts.missing} missing, ${report.counts.unexpected} unexpected: ` +
      (report.ok ? 'every file matches its hash' : 'THIS CASE FILE DOES NOT MATCH ITS MANIFEST'),
  );
  return lines.join('\n');
}

function formatImport(report: CaseImportReport): string {
  const lines = [
    ...report.added.map((item) => `added      ${item.id}  ${item.type.padEnd(9)} ${item.title}`),
    ...report.updated.map((item) => `updated    ${item.id}  ${item.type.padEnd(9)} ${item.title}`),
    ...report.conflicts.map((item) => `CONFLICT   ${item.id}  ${item.type.padEnd(9)} ${item.title}  (${item.reason}; resolve ${item.conflictId})`),
    ...report.flagged.map((item) => `ALTERED    ${item.id}  ${item.title}: ${item.files.join(', ')}`),
    ...report.deletions.trashed.map((item) => `trashed    ${item.id}  ${item.type.padEnd(9)} ${item.title}  (deleted by the sender; restore with \`dossier restore\`)`),
    ...report.warnings.map((warning) => `warning    ${warning}`),
  ];
  if (!report.verified) lines.push('This case file did NOT verify; it was imported because of --force and its altered items are tagged "altered-in-transit".');
  lines.push(
    `case "${report.caseName}": ${report.added.length} added, ${report.updated.length} updated, ${report.skipped.length} unchanged, ` +
      `${report.conflicts.length} conflicts, ${report.deletions.trashed.length} moved to the trash; ${report.links.added} links added; ${report.originals.added} originals added ` +
      `(${report.originals.alreadyPresent} already here); ${report.history.imported} history entries kept`,
  );
  if (report.conflicts.length) lines.push('Both versions of each conflict are kept: see them with `dossier conflicts`, settle each with `dossier resolve ID --keep ours|theirs`.');
  return lines.join('\n');
}

function formatConflicts(value: { conflicts: ConflictView[] }): string {
  if (value.conflicts.length === 0) return 'no open conflicts';
  return value.conflicts
    .map((conflict) =>
      [
        `${conflict.id}  ${conflict.reason}  item ${conflict.itemId}  ${conflict.title}`,
        `    from ${conflict.caseFile} on ${conflict.detectedAt}${conflict.resolvedAt ? `; resolved (kept ${conflict.resolution}) ${conflict.resolvedAt}` : ''}`,
        `    differs in: ${conflict.differences.join(', ') || 'nothing (same content)'}`,
        ...(conflict.alteredFiles ? [`    altered files: ${conflict.alteredFiles.join(', ')}`] : []),
      ].join('\n'),
    )
    .join('\n');
}

export const caseFileCommands: Record<string, Command> = {
  export: {
    options: { force: flag },
    async run(context, [caseRef, outPath, ...extra], options) {
      if (!caseRef || !outPath || extra.length) throw new UsageError('export needs a case and the zip to write: dossier export CASE OUT.zip.');
      const result = await context.call('exportCase', defined({ caseRef, outPath: resolve(outPath), overwrite: options.force === true ? true : undefined }));
      show(context, result, 'export', formatExport);
      return 0;
    },
  },
  verify: {
    options: {},
    async run(context, [path, ...extra]) {
      if (!path || extra.length) throw new UsageError('verify needs one case file: dossier verify CASE.zip.');
      // Verifying reads only the zip: no archive is opened (or created) for it.
      const report = await verifyCase({ path: resolve(path) });
      show(context, report, 'verify', formatVerification);
      return report.ok ? 0 : 1;
    },
  },
  'import-case': {
    options: { force: flag },
    async run(context, [path, ...extra], options) {
      if (!path || extra.length) throw new UsageError('import-case needs one case file: dossier import-case CASE.zip [--force].');
      const report = await context.call('importCase', defined({ path: resolve(path), force: options.force === true ? true : undefined }));
      show(context, report, 'import-case', formatImport);
      return 0;
    },
  },
  conflicts: {
    options: { all: flag, item: text },
    async run(context, positionals, options) {
      if (positionals.length) throw new UsageError('conflicts takes no arguments (use --item ID or --all).');
      const value = await context.call('listConflicts', defined({ includeResolved: options.all === true ? true : undefined, itemId: str(options.item) }));
      show(context, value, 'conflicts', formatConflicts);
      return 0;
    },
  },
  resolve: {
    options: { keep: text },
    async run(context, [id, ...extra], options) {
      const keep = str(options.keep);
      if (!id || extra.length || (keep !== 'ours' && keep !== 'theirs')) throw new UsageError('resolve needs a conflict id and --keep ours or --keep theirs.');
      const result = (await context.call('resolveConflict', { id, keep })) as ResolvedConflict;
      show(context, result, 'resolve', (value: ResolvedConflict) => [`conflict ${value.id}: kept ${value.kept} for item ${value.itemId}`, ...value.warnings.map((w) => `warning    ${w}`)].join('\n'));
      return 0;
    },
  },
};
