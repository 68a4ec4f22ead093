// Readable (non --json) output of CLI commands.
import { type ImportReport, type ItemDetail, type ItemList, type CaseView, type CheckReport, type ItemHistory, type TrashList } from '../contract';
import { formatRecordOutput } from './format-records';
import { formatSearchOutput, formatWatchHits } from './format-search';

function formatImport(report: ImportReport): string {
  const lines = [
    ...report.imported.map((entry) => {
      const similar = entry.possibleDuplicateOf;
      const flag = similar ? `  POSSIBLE DUPLICATE of ${similar.id} (similarity ${similar.similarity})` : '';
      return `imported   ${entry.id}  ${entry.title}  (${entry.path})${flag}`;
    }),
    ...report.duplicates.map((entry) => `duplicate  of ${entry.id}  (${entry.path})`),
    ...report.failed.map((entry) => `failed     ${entry.path}: ${entry.error}`),
    ...formatWatchHits(report.watchHits ?? []),
  ];
  const possible = report.imported.filter((entry) => entry.possibleDuplicateOf).length;
  lines.push(
    `${report.imported.length} imported (${possible} possible duplicates), ${report.duplicates.length} already in the archive, ` +
      `${report.failed.length} failed${report.cancelled ? '; CANCELLED: run the same command again to import the rest' : ''}`,
  );
  return lines.join('\n');
}

function formatList(list: ItemList): string {
  const lines = list.items.map((item) => `${item.id}  ${item.type.padEnd(9)} ${item.date ?? '          '}  ${item.title}`);
  lines.push(`${list.items.length} shown of ${list.total}`);
  return lines.join('\n');
}

function field(label: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return `${label.padEnd(13)} ${String(value)}`;
}

function formatItem(item: ItemDetail): string {
  const lines: (string | null)[] = [
    `${item.title}`,
    field('id', item.id),
    field('type', item.type),
    field('deleted', item.deletedAt),
  ];
  if (item.article) {
    const a = item.article;
    lines.push(field('url', a.url), field('outlet', a.outlet), field('byline', a.byline), field('published', a.publishedAt));
    lines.push(field('captured', a.capturedAt), field('language', a.language), '', a.bodyText);
  }
  if (item.statement) {
    const s = item.statement;
    lines.push(field('speaker', s.speaker), field('role', s.role), field('organisation', s.organisation), field('date', s.date));
    lines.push(field('venue', s.venue), field('language', s.language), '', `“${s.quote}”`);
    if (s.translation) lines.push(`(translation) ${s.translation}`);
  }
  if (item.incident) {
    const i = item.incident;
    lines.push(field('date', i.date), field('place', i.place), field('area', i.adminArea));
    for (const claim of i.claims) {
      const grade = `${claim.sourceReliability ?? ''}${claim.sourceCredibility ?? ''}`;
      lines.push(field(claim.kind, `${claim.valueNumber ?? claim.valueText ?? ''}${claim.sourceTitle ? ` (source: ${claim.sourceTitle}${grade ? `, graded ${grade}` : ''})` : ''}`));
    }
    for (const range of i.claimRanges ?? []) {
      if (range.claims > 1 && range.min !== null) lines.push(field(`${range.kind} range`, `${range.min}-${range.max} from ${range.sources} sources`));
    }
    for (const actor of i.actors ?? []) lines.push(field(actor.role, `${actor.name} (${actor.kind})`));
    if (i.description) lines.push('', i.description);
  }
  if (item.note) lines.push('', item.note.body);
  if (item.cases.length) lines.push('', `cases: ${item.cases.map((c) => c.name).join(', ')}`);
  for (const attachment of item.attachments) lines.push(`${attachment.role}: ${attachment.name} sha256:${attachment.sha256} (${attachment.size} bytes)`);
  if (item.links.length) {
    lines.push('', 'links:');
    for (const link of item.links) {
      const arrow = link.direction === 'out' ? '->' : '<-';
      lines.push(`  ${arrow} ${link.rel.padEnd(13)} ${link.id}  ${link.type}  ${link.title}${link.deletedAt ? ' (in the trash)' : ''}`);
    }
  }
  return lines.filter((line): line is string => line !== null).join('\n');
}

function formatCases(value: { cases: CaseView[] }): string {
  if (value.cases.length === 0) return 'no cases yet: dossier case create NAME';
  return value.cases.map((c) => `${c.id}  ${c.name}  (${c.itemCount} items)`).join('\n');
}

function formatCheck(report: CheckReport): string {
  const lines = report.checks.map((check) => {
    const head = `${check.ok ? 'ok  ' : 'FAIL'}  ${check.name.padEnd(12)} ${check.checked} checked`;
    return [head, ...check.problems.map((problem) => `        ${problem}`)].join('\n');
  });
  lines.push(report.ok ? `${report.path}: every check holds` : `${report.path}: PROBLEMS FOUND (see above)`);
  return lines.join('\n');
}

function formatHistory(history: ItemHistory): string {
  const lines = history.versions.map((v) => `version ${v.version}  replaced ${v.replacedAt}  ${v.title}`);
  lines.push(`version ${history.currentVersion}  current`, '', 'audit:');
  for (const entry of history.audit) lines.push(`  ${entry.at}  ${entry.action.padEnd(15)} ${entry.detail}`);
  return lines.join('\n');
}

function formatTrash(trash: TrashList): string {
  if (trash.items.length === 0) return 'the trash is empty';
  const lines = trash.items.map((item) => `${item.id}  ${item.type.padEnd(9)} deleted ${item.deletedAt}  ${item.title}`);
  lines.push(`${trash.items.length} shown of ${trash.total} in the trash`);
  return lines.join('\n');
}

export function formatHuman(command: string, value: unknown): string {
  let text: string;
  switch (command) {
    case 'import':
      text = formatImport(value as ImportReport);
      break;
    case 'list':
      text = formatList(value as ItemList);
      break;
    case 'show':
      text = formatItem(value as ItemDetail);
      break;
    case 'case list':
      text = formatCases(value as { cases: CaseView[] });
      break;
    case 'check':
      text = formatCheck(value as CheckReport);
      break;
    case 'history':
      text = formatHistory(value as ItemHistory);
      break;
    case 'trash list':
      text = formatTrash(value as TrashList);
      break;
    default: {
      const own = formatRecordOutput(command, value) ?? formatSearchOutput(command, value);
      if (own !== null) {
        text = own;
        break;
      }
      const record = value as Record<string, unknown>;
      text = typeof record.id === 'string' && Object.keys(record).length === 1 ? record.id : JSON.stringify(value, null, 2);
    }
  }
  return `${text}\n`;
}
