// Commands over the whole library: import, info (search is in ./search.ts).
import { importPaths } from '../../../db/import';
import { schemas } from '../../contract';
import { importProgressPrinter } from '../progress';
import { type Command, UsageError } from '../command';

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
  info: {
    options: {},
    async run(context) {
      context.print(await context.call('archiveInfo', {}), 'info');
      return 0;
    },
  },
};
