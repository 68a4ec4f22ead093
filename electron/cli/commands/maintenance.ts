// Commands that keep an archive sound and its history visible: check, backup, edit, history, restore-version, trash.
import type { CheckReport, ItemEdit } from '../../contract';
import { type Command, UsageError, defined, flag, integerOption, str, text } from '../command';

/** Flags of `dossier edit`, one per editable field; an empty value clears an optional field. */
const EDIT_FIELDS = [
  'title',
  'body',
  'speaker',
  'role',
  'organisation',
  'date',
  'venue',
  'language',
  'quote',
  'translation',
  'place',
  'description',
  'outlet',
  'byline',
  'published',
  'url',
] as const satisfies readonly Exclude<keyof ItemEdit, 'id'>[];

/** Fields an item must always have: an empty value is a mistake, not a request to clear them. */
const REQUIRED = new Set(['title', 'speaker', 'quote', 'body']);

export const maintenanceCommands: Record<string, Command> = {
  check: {
    options: { quick: flag },
    async run(context, _positionals, options) {
      const report = (await context.call('checkArchive', defined({ quick: options.quick === true ? true : undefined }))) as CheckReport;
      context.print(report, 'check');
      return report.ok ? 0 : 1;
    },
  },
  backup: {
    options: { force: flag },
    async run(context, [outPath], options) {
      if (!outPath) throw new UsageError('backup needs the file to write: dossier backup OUT.');
      context.print(await context.call('backupArchive', defined({ outPath, force: options.force === true ? true : undefined })), 'backup');
      return 0;
    },
  },
  edit: {
    options: { ...Object.fromEntries(EDIT_FIELDS.map((field) => [field, text])), lat: text, lon: text },
    async run(context, [id], options) {
      if (!id) throw new UsageError('edit needs an item id: dossier edit ID --field value.');
      const fields: Record<string, string | number | null> = Object.fromEntries(
        EDIT_FIELDS.filter((field) => str(options[field]) !== undefined).map((field) => {
          const value = str(options[field])!;
          return [field, value === '' && !REQUIRED.has(field) ? null : value];
        }),
      );
      for (const [flagName, field] of [['lat', 'latitude'], ['lon', 'longitude']] as const) {
        const value = str(options[flagName]);
        if (value === undefined) continue;
        if (value !== '' && !Number.isFinite(Number(value))) throw new UsageError(`--${flagName} takes a number in degrees, as in --${flagName} 34.55 (empty to clear).`);
        fields[field] = value === '' ? null : Number(value);
      }
      if (Object.keys(fields).length === 0) throw new UsageError(`edit needs at least one field: --${[...EDIT_FIELDS, 'lat', 'lon'].join(', --')}.`);
      context.print(await context.call('updateItem', { id, ...fields }), 'edit');
      return 0;
    },
  },
  history: {
    options: {},
    async run(context, [id]) {
      if (!id) throw new UsageError('history needs an item id.');
      context.print(await context.call('itemHistory', { id }), 'history');
      return 0;
    },
  },
  'restore-version': {
    options: {},
    async run(context, [id, version]) {
      if (!id || !version || !/^\d+$/.test(version)) throw new UsageError('restore-version needs an item id and a version number.');
      context.print(await context.call('restoreVersion', { id, version: Number(version) }), 'edit');
      return 0;
    },
  },
  trash: {
    options: { limit: text, offset: text },
    async run(context, [action, id], options) {
      if (action === 'list' || action === undefined) {
        const input = defined({ limit: integerOption(options, 'limit'), offset: integerOption(options, 'offset') });
        context.print(await context.call('listTrash', input), 'trash list');
        return 0;
      }
      if (action === 'purge') {
        if (!id) throw new UsageError('trash purge needs an item id.');
        context.print(await context.call('purgeItem', { id }), 'trash purge');
        return 0;
      }
      throw new UsageError(`trash takes "list" or "purge ID", not "${action}".`);
    },
  },
};
