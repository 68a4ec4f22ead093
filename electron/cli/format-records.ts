// Readable CLI output for the cross-linked record's commands (timeline, entities, suggestions, sources, graph).
import type { EntityPage, EntitySummary, Graph, SourceView, SuggestionView, Timeline } from '../contract';

function formatTimeline(value: Timeline): string {
  if (value.entries.length === 0) return 'nothing dated in this span';
  const lines = value.entries.map((entry) => {
    const when = entry.dateEnd && entry.dateEnd !== entry.date ? `${entry.date}..${entry.dateEnd}` : entry.date;
    const precision = entry.precision === 'day' ? '' : ` (${entry.precision})`;
    return `${when}${precision}  ${entry.type.padEnd(9)} ${entry.id}  ${entry.title}`;
  });
  if (value.undated) lines.push(`(${value.undated} incidents and statements have no date and are not shown)`);
  return lines.join('\n');
}

const aliases = (entity: EntitySummary): string => (entity.aliases.length ? `  (also ${entity.aliases.join(', ')})` : '');

function formatEntity(entity: EntityPage): string {
  const lines = [`${entity.name}${aliases(entity)}`, `  id: ${entity.id}`, `  kind: ${entity.kind}`];
  if (entity.source) lines.push(`  source grade: ${entity.source.reliability ?? 'ungraded'}${entity.source.rationale ? ` (${entity.source.rationale})` : ''}`);
  if (entity.statements.length) lines.push('', 'statements:', ...entity.statements.map((s) => `  ${s.date ?? '----------'}  ${s.id}  “${s.quote}”`));
  if (entity.incidents.length) lines.push('', 'incidents:', ...entity.incidents.map((i) => `  ${i.date ?? '----------'}  ${i.role.padEnd(11)} ${i.id}  ${i.title}`));
  if (entity.mentionedIn.length) {
    lines.push('', 'mentioned in:', ...entity.mentionedIn.map((i) => `  ${i.date ?? '----------'}  ${i.type.padEnd(9)} ${i.id}  ${i.title}${i.deletedAt ? ' (in the trash)' : ''}`));
  }
  return lines.join('\n');
}

function formatSuggestion(suggestion: SuggestionView): string {
  const head = `${suggestion.id}  ${suggestion.status.padEnd(9)}`;
  if (suggestion.statement) {
    const s = suggestion.statement;
    const about = [s.role, s.date, s.venue].filter(Boolean).join(', ');
    return `${head} ${s.speaker}${about ? ` (${about})` : ''}: “${s.quote}”`;
  }
  const e = suggestion.entity!;
  return `${head} ${e.kind.padEnd(12)} ${e.name}${e.entityId ? ` = entity ${e.entityId}` : ''} ×${e.count}`;
}

function formatSource(source: SourceView): string {
  return `${source.id}  ${(source.reliability ?? '-').padEnd(2)} ${source.kind.padEnd(12)} ${source.name}${source.domain ? ` <${source.domain}>` : ''}${source.rationale ? `: ${source.rationale}` : ''}`;
}

function formatGraph(graph: Graph): string {
  const titles = new Map(graph.nodes.map((node) => [node.id, node.title]));
  const lines = graph.nodes.map((node) => `${'  '.repeat(node.depth)}${node.type.padEnd(12)} ${node.id}  ${node.title}${node.deleted ? ' (in the trash)' : ''}`);
  lines.push('', ...graph.edges.map((edge) => `${titles.get(edge.from)} -${edge.rel}-> ${titles.get(edge.to)}`));
  return lines.join('\n');
}

/** Readable text for one of these commands; null for commands it does not know. */
export function formatRecordOutput(command: string, value: unknown): string | null {
  switch (command) {
    case 'timeline':
      return formatTimeline(value as Timeline);
    case 'entity show':
      return formatEntity(value as EntityPage);
    case 'entity list': {
      const { entities } = value as { entities: EntitySummary[] };
      return entities.length ? entities.map((e) => `${e.id}  ${e.kind.padEnd(12)} ${e.name}${aliases(e)}  ×${e.mentions}`).join('\n') : 'no entities yet';
    }
    case 'suggest': {
      const { statements, entities } = value as { statements: SuggestionView[]; entities: SuggestionView[] };
      return ['statements:', ...statements.map(formatSuggestion), '', 'entities:', ...entities.map(formatSuggestion)].join('\n');
    }
    case 'suggestions':
      return (value as { suggestions: SuggestionView[] }).suggestions.map(formatSuggestion).join('\n') || 'no suggestions';
    case 'source list':
      return (value as { sources: SourceView[] }).sources.map(formatSource).join('\n') || 'no sources yet';
    case 'grade source':
      return formatSource(value as SourceView);
    case 'graph':
      return formatGraph(value as Graph);
    default:
      return null;
  }
}
