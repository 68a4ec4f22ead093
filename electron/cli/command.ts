// What a CLI command is, and the small helpers commands share for reading their arguments.
import type { ParseArgsConfig } from 'node:util';
import type { Archive } from '../../db/open';
import type { OperationName } from '../contract';

export class UsageError extends Error {}

export type Options = Record<string, string | boolean | undefined>;

export interface Context {
  json: boolean;
  archive(): Archive;
  /** Prints a command's result: one JSON document with --json, readable text without. */
  print(value: unknown, command: string): void;
  /** Calls an operation through the contract (validated); throws its error as a DossierError. */
  call(name: OperationName, input: unknown): Promise<unknown>;
}

export interface Command {
  options: ParseArgsConfig['options'];
  /** Runs the command; returns the process exit code. */
  run(context: Context, positionals: string[], options: Options): Promise<number>;
}

export const text = { type: 'string' } as const;
export const flag = { type: 'boolean' } as const;

export const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

export function integerOption(options: Options, name: string): number | undefined {
  const raw = str(options[name]);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} needs a whole number, not "${raw}".`);
  return Number(raw);
}

export function requireOption(options: Options, name: string, command: string): string {
  const value = str(options[name]);
  if (value === undefined || value.trim() === '') throw new UsageError(`${command} needs --${name}.`);
  return value;
}

/** Drops undefined fields so the contract's strict schemas see only what the user gave. */
export function defined<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A command that takes one id and calls one operation with it. */
export function idCommand(operation: OperationName, name: string, what: string): Command {
  return {
    options: {},
    async run(context, [id]) {
      if (!id) throw new UsageError(`${name} needs ${what}.`);
      context.print(await context.call(operation, { id }), name);
      return 0;
    },
  };
}
