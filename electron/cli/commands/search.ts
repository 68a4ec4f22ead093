// Search from the command line: ranked or newest-first results with facets, and saved searches and watch terms.
import type { SearchResult } from '../../contract';
import { type Command, UsageError, defined, flag, integerOption, str, text } from '../command';

const SORTS = ['relevance', 'date'];

/** saved and watch share their actions; a watch term is a saved search checked against every new import. */
function savedCommand(watch: boolean): Command {
  const name = watch ? 'watch' : 'saved';
  return {
    options: { name: text },
    async run(context, [action, ...rest], options) {
      if (action === 'list') {
        context.print(await context.call('listSavedSearches', watch ? { watch: true } : {}), `${name} list`);
      } else if (action === 'add') {
        const query = rest.join(' ');
        if (!query.trim()) throw new UsageError(`${name} add needs a query, as in: dossier ${name} add "convoy place:Suknah"`);
        context.print(await context.call('saveSearch', defined({ name: str(options.name) ?? query, query, watch: watch || undefined })), `${name} add`);
      } else if (action === 'delete') {
        const [ref] = rest;
        if (!ref) throw new UsageError(`${name} delete needs the id or name of a saved search.`);
        context.print(await context.call('deleteSavedSearch', { id: ref }), `${name} delete`);
      } else {
        throw new UsageError(`${name} needs an action: list, add or delete.`);
      }
      return 0;
    },
  };
}

export const searchCommands: Record<string, Command> = {
  search: {
    options: { type: text, limit: text, offset: text, sort: text, facets: flag, suggest: flag },
    async run(context, words, options) {
      const query = words.join(' ');
      const sort = str(options.sort);
      if (sort !== undefined && !SORTS.includes(sort)) throw new UsageError(`--sort takes relevance or date, not "${sort}".`);
      const type = str(options.type);
      const result = (await context.call(
        'search',
        defined({
          query,
          type,
          limit: integerOption(options, 'limit'),
          offset: integerOption(options, 'offset'),
          sort,
          suggest: options.suggest === true ? true : undefined,
        }),
      )) as SearchResult;
      const facets = options.facets === true ? await context.call('searchFacets', defined({ query, type })) : undefined;
      context.print(facets ? { ...result, facets } : result, 'search');
      return 0;
    },
  },
  saved: savedCommand(false),
  watch: savedCommand(true),
};
