// Cases: create, add items, list.
import { type Command, UsageError, defined, str, text } from '../command';

export const caseCommands: Record<string, Command> = {
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
};
