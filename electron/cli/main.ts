// The `dossier` command line: a door onto the operation table. Each command parses its arguments, calls one
// operation and prints the result, as one JSON document with --json or as readable text without.
import { parseArgs } from 'node:util';
import { openArchive, type Archive } from '../../db/open';
import { DossierError } from '../../db/errors';
import { defaultArchivePath } from '../../db/paths';
import { appVersion } from '../../db/ops/archive';
import { callOperation, errorResult } from '../contract/operations';
import type { Result } from '../contract';
import { type Context, UsageError, str, text } from './command';
import { commands } from './commands';
import { formatHuman } from './format';
import { USAGE } from './usage';

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
