// The browser door: `dossier serve`.
import { seedDemoIfNew } from '../../../db/demo';
import { startServer } from '../../server';
import { type Command, integerOption, text } from '../command';

export const serveCommands: Record<string, Command> = {
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
