// Commands on single records: list, show, add, link, unlink, delete, restore.
import { LINK_RELATIONS } from '../../contract';
import { actorsOption, numberOption } from './connections';
import { type Command, UsageError, defined, idCommand, integerOption, requireOption, str, text } from '../command';

export const recordCommands: Record<string, Command> = {
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
  show: idCommand('getItem', 'show', 'an item id'),
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
      time: text,
      'speaker-entity': text,
      'date-end': text,
      precision: text,
      'admin-area': text,
      lat: text,
      lon: text,
      'coord-precision': text,
      actor: text,
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
            time: str(options.time),
            speakerEntity: str(options['speaker-entity']),
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
            dateEnd: str(options['date-end']),
            datePrecision: str(options.precision),
            adminArea: str(options['admin-area']),
            latitude: numberOption(options, 'lat'),
            longitude: numberOption(options, 'lon'),
            coordPrecision: str(options['coord-precision']),
            actors: actorsOption(str(options.actor)),
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
    options: { rel: text, note: text, passage: text },
    async run(context, [from, to], options) {
      if (!from || !to) throw new UsageError('link needs two item ids: FROM TO.');
      const rel = requireOption(options, 'rel', `link (one of ${LINK_RELATIONS.join(', ')})`);
      context.print(await context.call('addLink', defined({ from, to, rel, note: str(options.note), passage: str(options.passage) })), 'link');
      return 0;
    },
  },
  unlink: idCommand('removeLink', 'unlink', 'a link id'),
  delete: idCommand('deleteItem', 'delete', 'an item id'),
  restore: idCommand('restoreItem', 'restore', 'an item id'),
};
