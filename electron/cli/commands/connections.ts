// Commands of the cross-linked record: suggestions from an article (accept / dismiss), entities, claims and
// actors of incidents, sources and grades, passages, wiki-links, the timeline and the link graph.
import { type Command, type Context, type Options, UsageError, defined, integerOption, requireOption, str, text } from '../command';

const list = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(',').map((part) => part.trim()).filter(Boolean);

export function numberOption(options: Options, name: string): number | undefined {
  const raw = str(options[name]);
  if (raw === undefined) return undefined;
  if (!/^-?\d+(?:\.\d+)?$/.test(raw)) throw new UsageError(`--${name} needs a number, not "${raw}".`);
  return Number(raw);
}

/** A command with sub-commands: `entity list`, `grade source ...`. */
function group(name: string, subcommands: Record<string, (context: Context, args: string[], options: Options) => Promise<unknown>>, options: Command['options']): Command {
  return {
    options,
    async run(context, [sub, ...args], values) {
      const handler = sub ? subcommands[sub] : undefined;
      if (!handler) throw new UsageError(`${name} needs one of: ${Object.keys(subcommands).join(', ')}.`);
      context.print(await handler(context, args, values), `${name} ${sub}`);
      return 0;
    },
  };
}

function needs(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`${what} is missing.`);
  return value;
}

export const connectionCommands: Record<string, Command> = {
  suggest: {
    options: {},
    async run(context, [id]) {
      const item = needs(id, 'suggest needs an article id:');
      const statements = (await context.call('suggestStatements', { id: item })) as { suggestions: unknown[] };
      const entities = (await context.call('suggestEntities', { id: item })) as { suggestions: unknown[] };
      context.print({ statements: statements.suggestions, entities: entities.suggestions }, 'suggest');
      return 0;
    },
  },
  suggestions: {
    options: { status: text, kind: text },
    async run(context, [id], options) {
      const input = defined({ id: needs(id, 'suggestions needs an article id:'), status: str(options.status), kind: str(options.kind) });
      context.print(await context.call('listSuggestions', input), 'suggestions');
      return 0;
    },
  },
  accept: {
    options: {
      speaker: text, role: text, organisation: text, date: text, venue: text, quote: text, translation: text, language: text,
      'speaker-entity': text, kind: text, name: text, aliases: text, entity: text,
    },
    async run(context, [id], options) {
      const edits = defined({
        speaker: str(options.speaker),
        role: str(options.role),
        organisation: str(options.organisation),
        date: str(options.date),
        venue: str(options.venue),
        quote: str(options.quote),
        translation: str(options.translation),
        language: str(options.language),
        speakerEntity: str(options['speaker-entity']),
        kind: str(options.kind),
        name: str(options.name),
        aliases: list(str(options.aliases)),
        entity: str(options.entity),
      });
      const input = Object.keys(edits).length ? { id: needs(id, 'accept needs a suggestion id:'), edits } : { id: needs(id, 'accept needs a suggestion id:') };
      context.print(await context.call('acceptSuggestion', input), 'accept');
      return 0;
    },
  },
  dismiss: {
    options: {},
    async run(context, [id]) {
      context.print(await context.call('dismissSuggestion', { id: needs(id, 'dismiss needs a suggestion id:') }), 'dismiss');
      return 0;
    },
  },
  entity: group(
    'entity',
    {
      list: (context, _args, options) => context.call('listEntities', defined({ kind: str(options.kind), query: str(options.query) })),
      show: (context, [ref]) => context.call('getEntity', { ref: needs(ref, 'entity show needs an entity id or name:') }),
      add: (context, _args, options) =>
        context.call(
          'addEntity',
          defined({
            kind: requireOption(options, 'kind', 'entity add'),
            name: requireOption(options, 'name', 'entity add'),
            aliases: list(str(options.aliases)),
            description: str(options.description),
          }),
        ),
      alias: (context, [ref, ...aliases]) => {
        if (aliases.length === 0) throw new UsageError('entity alias needs an entity and at least one alias: entity alias REF ALIAS...');
        return context.call('addAliases', { ref: needs(ref, 'entity alias needs an entity:'), aliases });
      },
      mention: (context, [entity, item]) =>
        context.call('addMention', { entity: needs(entity, 'entity mention needs ENTITY ITEM:'), item: needs(item, 'entity mention needs ENTITY ITEM:') }),
    },
    { kind: text, query: text, name: text, aliases: text, description: text },
  ),
  claim: group(
    'claim',
    {
      add: (context, [incidentId], options) => {
        const value = integerOption(options, 'value');
        const valueText = str(options.text);
        if (value === undefined && valueText === undefined) throw new UsageError('claim add needs --value N or --text T.');
        return context.call(
          'addClaim',
          defined({
            incidentId: needs(incidentId, 'claim add needs an incident id:'),
            kind: requireOption(options, 'kind', 'claim add'),
            valueNumber: value,
            valueText,
            sourceId: str(options.source),
            note: str(options.note),
          }),
        );
      },
    },
    { kind: text, value: text, text, source: text, note: text },
  ),
  actor: group(
    'actor',
    {
      add: (context, [incidentId, entity], options) =>
        context.call(
          'addIncidentActor',
          defined({
            incidentId: needs(incidentId, 'actor add needs INCIDENT ENTITY:'),
            entity: needs(entity, 'actor add needs INCIDENT ENTITY:'),
            role: requireOption(options, 'role', 'actor add (perpetrator, target, claimed-by, responded)'),
            sourceId: str(options.source),
            note: str(options.note),
          }),
        ),
    },
    { role: text, source: text, note: text },
  ),
  source: group(
    'source',
    {
      list: (context, _args, options) => context.call('listSources', defined({ kind: str(options.kind) })),
      add: (context, _args, options) =>
        context.call(
          'addSource',
          defined({
            kind: requireOption(options, 'kind', 'source add'),
            name: requireOption(options, 'name', 'source add'),
            domain: str(options.domain),
            reliability: str(options.reliability),
            rationale: str(options.rationale),
          }),
        ),
    },
    { kind: text, name: text, domain: text, reliability: text, rationale: text },
  ),
  grade: group(
    'grade',
    {
      source: (context, [ref], options) =>
        context.call(
          'gradeSource',
          defined({ sourceRef: needs(ref, 'grade source needs a source id or name:'), reliability: requireOption(options, 'reliability', 'grade source'), rationale: str(options.rationale) }),
        ),
      item: (context, [id], options) =>
        context.call(
          'gradeItem',
          defined({
            id: needs(id, 'grade item needs an item id:'),
            credibility: integerOption(options, 'credibility') ?? requireOption(options, 'credibility', 'grade item'),
            rationale: str(options.rationale),
          }),
        ),
    },
    { reliability: text, credibility: text, rationale: text },
  ),
  passages: {
    options: {},
    async run(context, [id]) {
      context.print(await context.call('getPassages', { id: needs(id, 'passages needs an article or statement id:') }), 'passages');
      return 0;
    },
  },
  wikilinks: {
    options: {},
    async run(context, [id]) {
      context.print(await context.call('wikiLinks', defined({ id })), 'wikilinks');
      return 0;
    },
  },
  timeline: {
    options: { from: text, to: text, query: text },
    async run(context, _positionals, options) {
      context.print(await context.call('timeline', defined({ from: str(options.from), to: str(options.to), query: str(options.query) })), 'timeline');
      return 0;
    },
  },
  graph: {
    options: { depth: text },
    async run(context, [id], options) {
      context.print(await context.call('graph', defined({ id: needs(id, 'graph needs an item id:'), depth: integerOption(options, 'depth') })), 'graph');
      return 0;
    },
  },
};

/** `--actor "perpetrator:Islamic State,target:Palmyra workers"`: role:entity pairs, comma-separated. */
export function actorsOption(value: string | undefined): { role: string; entity: string }[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((pair) => {
    const at = pair.indexOf(':');
    if (at < 1) throw new UsageError(`--actor takes role:entity pairs (perpetrator:NAME), not "${pair.trim()}".`);
    return { role: pair.slice(0, at).trim(), entity: pair.slice(at + 1).trim() };
  });
}
