// Commands over the whole library: import, search, info.
import { importPaths } from '../../../db/import';
import { schemas } from '../../contract';
import { importProgressPrinter } from '../progress';
import { type Command, UsageError, defined, integerOption, str, text } from '../command';

export const libraryCommands: Record<string, Command> = {
  import: {
    options: {},
    async run(context, paths) {
      if (paths.length === 0) throw new UsageError('import needs at least one file or folder.');
      const input = schemas.importPaths.parse({ paths });
      const progress = importProgressPrinter();
      const controller = new AbortController();
      // Ctrl+C stops between files: what finished stays imported, and a re-run picks up the rest.
      const cancel = (): void => controller.abort();
      process.once('SIGINT', cancel);
      const report = await importPaths(context.archive(), input, { onProgress: progress.onProgress, signal: controller.signal });
      process.off('SIGINT', cancel);
      progress.done();
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
  info: {
    options: {},
    async run(context) {
      context.print(await context.call('archiveInfo', {}), 'info');
      return 0;
    },
  },
};
