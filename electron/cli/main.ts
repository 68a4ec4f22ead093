// The `dossier` command line: a door onto the operation table. Each command parses its arguments, calls one
// operation and prints the result, as one JSON document with --json or as readable text without.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openArchive, type Archive } from '../../db/open';
import { DossierError } from '../../db/errors';
import { defaultArchivePath } from '../../db/paths';
import { appVersion } from '../../db/ops/archive';
import { seedDemoIfNew } from '../../db/demo';
import { callOperation, errorResult } from '../contract/operations';
import { LINK_RELATIONS, type OperationName, type Result } from '../contract';
import { startServer } from '../server';
import { formatHuman } from './format';
import { USAGE } from './usage';

class UsageError extends Error {}

type Options = Record<string, string | boolean | undefined>;

interface Command {
  options: ParseArgsConfig['options'];
  /** Runs the command; returns the process exit code. */
  run(context: Context, positionals: string[], options: Options): Promise<number>;
}

interface Context {
  json: boolean;
  archive(): Archive;
  print(value: unknown, command: string): void;
  call(name: OperationName, input: unknown): Promise<unknown>;
}

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function integerOption(options: Options, name: string): number | undefined {
  const raw = str(options[name]);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} needs a whole number, not "${raw}".`);
  return Number(raw);
}

function requireOption(options: Options, name: string, command: string): string {
  const value = str(options[name]);
  if (value === undefined || value.trim() === '') throw new UsageError(`${command} needs --${name}.`);
  return value;
}

/** Drops undefined fields so the contract's strict schemas see only what the user gave. */
function defined<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const text = { type: 'string' } as const;

/** A command that takes one id and calls one operation with it. */
function idCommand(operation: 'getItem' | 'removeLink' | 'deleteItem' | 'restoreItem', name: string, what: string): Command {
  return {
    options: {},
    async run(context, [id]) {
      if (!id) throw new UsageError(`${name} needs ${what}.`);
      context.print(await context.call(operation, { id }), name);
      return 0;
    },
  };
}

const commands: Record<string, Command> = {
  import: {
    options: {},
    async run(context, paths) {
      if (paths.length === 0) throw new UsageError('import needs at least one file or folder.');
      const report = (await context.call('importPaths', { paths })) as { failed: unknown[] };
      context.print(report, 'import');
      return report.failed.length > 0 ? 1 : 0;
    },
  },
  search: {
    options: { type: text, limit: text, offset: text },
    async run(context, words, options) {
      const query = words.join(' ');
      const result = await context.call(
        'search',
        defined({ query, type: str(options.type), limit: integerOption(options, 'limit'), offset: integerOption(options, 'offset') }),
      );
      context.print(result, 'search');
      return 0;
    },
  },
  list: {
    options: { type: text, case: text, limit: text, offset: text },
    async run(context, _positionals, options) {
      const input = defined({
        type: str(options.type),
        caseRef: str(options.case),
        limit: integerOption(options, 'limit'),
        offset: integerOption(options, 'offset'),
      });
      context.print(await context.call('listItems', input), 'list');
      return 0;
    },
  },
  add: {
    options: {
      title: text,
      body: text,
      speaker: text,
      role: text,
      organisation: text,
      date: text,
      venue: text,
      language: text,
      quote: text,
      translation: text,
      place: text,
      description: text,
      killed: text,
      injured: text,
      source: text,
    },
    async run(context, [kind], options) {
      let result: unknown;
      if (kind === 'note') {
        result = await context.call('addNote', defined({ title: requireOption(options, 'title', 'add note'), body: str(options.body) }));
      } else if (kind === 'statement') {
        result = await context.call(
          'addStatement',
          defined({
            speaker: requireOption(options, 'speaker', 'add statement'),
            quote: requireOption(options, 'quote', 'add statement'),
            role: str(options.role),
            organisation: str(options.organisation),
            date: str(options.date),
            venue: str(options.venue),
            language: str(options.language),
            translation: str(options.translation),
            source: str(options.source),
          }),
        );
      } else if (kind === 'incident') {
        result = await context.call(
          'addIncident',
          defined({
            title: requireOption(options, 'title', 'add incident'),
            date: str(options.date),
            place: str(options.place),
            description: str(options.description),
            killed: integerOption(options, 'killed'),
            injured: integerOption(options, 'injured'),
            source: str(options.source),
          }),
        );
      } else {
        throw new UsageError('add needs a kind: note, statement or incident.');
      }
      context.print(result, 'add');
      return 0;
    },
  },
  link: {
    options: { rel: text, note: text },
    async run(context, [from, to], options) {
      if (!from || !to) throw new UsageError('link needs two item ids: FROM TO.');
      const rel = requireOption(options, 'rel', `link (one of ${LINK_RELATIONS.join(', ')})`);
      context.print(await context.call('addLink', defined({ from, to, rel, note: str(options.note) })), 'link');
      return 0;
    },
  },
  show: idCommand('getItem', 'show', 'an item id'),
  unlink: idCommand('removeLink', 'unlink', 'a link id'),
  delete: idCommand('deleteItem', 'delete', 'an item id'),
  restore: idCommand('restoreItem', 'restore', 'an item id'),
  case: {
    options: { description: text },
    async run(context, [action, ...rest], options) {
      if (action === 'create') {
        const name = rest.join(' ');
        if (!name) throw new UsageError('case create needs a name.');
        context.print(await context.call('createCase', defined({ name, description: str(options.description) })), 'case create');
      } else if (action === 'add') {
        const [caseRef, ...ids] = rest;
        if (!caseRef || ids.length === 0) throw new UsageError('case add needs a case and at least one item id.');
        context.print(await context.call('addToCase', { caseRef, ids }), 'case add');
      } else if (action === 'list') {
        context.print(await context.call('listCases', {}), 'case list');
      } else {
        throw new UsageError('case needs an action: create, add or list.');
      }
      return 0;
    },
  },
  info: {
    options: {},
    async run(context) {
      context.print(await context.call('archiveInfo', {}), 'info');
      return 0;
    },
  },
  serve: {
    options: { port: text, demo: { type: 'boolean' } },
    async run(context, _positionals, options) {
      const archive = context.archive();
      if (options.demo) await seedDemoIfNew(archive);
      const server = await startServer(archive, { port: integerOption(options, 'port') ?? 0 });
      const line = `Dossier is running at ${server.url}`;
      if (context.json) process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
      else process.stdout.write(`${line}\n`);
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void server.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    },
  },
};

function printError(json: boolean, code: string, message: string): void {
  process.stderr.write(json ? `${JSON.stringify({ error: { code, message } })}\n` : `dossier: ${code}: ${message}\n`);
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${appVersion()}\n`);
    return 0;
  }
  const command = commands[name];
  const json = rest.includes('--json');
  if (!command) {
    printError(json, 'USAGE', `unknown command "${name}". Run "dossier --help" for the list.`);
    return 2;
  }

  let archive: Archive | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: { ...command.options, db: text, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    const dbPath = str(values.db) ?? defaultArchivePath();
    const context: Context = {
      json,
      archive() {
        archive ??= openArchive(dbPath);
        return archive;
      },
      print(value, commandName) {
        process.stdout.write(json ? `${JSON.stringify(value)}\n` : formatHuman(commandName, value));
      },
      async call(operation, input) {
        const result = (await callOperation(context.archive(), operation, input)) as Result<unknown>;
        if (!result.ok) throw new DossierError(result.error.code as DossierError['code'], result.error.message);
        return result.value;
      },
    };
    return await command.run(context, positionals, values);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS')) {
      printError(json, 'USAGE', `${(error as Error).message} Run "dossier ${name} --help".`);
      return 2;
    }
    const { error: value } = errorResult(error) as { error: { code: string; message: string } };
    printError(json, value.code, value.message);
    return 1;
  } finally {
    archive?.close();
  }
}
