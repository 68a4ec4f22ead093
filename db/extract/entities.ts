// Names of people, organisations and places in an article's text, found offline with compromise's English
// tagger. A short form that is part of a longer name found in the same text ("Popov" in "Yuri Popov") is folded
// into the longer one.
import { compromise } from '../lazy';
import { parseSpeaker } from './speakers';

export type EntityKind = 'person' | 'organisation' | 'place';

export interface FoundName {
  kind: EntityKind;
  name: string;
  count: number;
}

function clean(name: string): string {
  return name
    .replace(/[\u2018\u2019']s$/u, '')
    .replace(/^(?:the|The)\s+/, '')
    .replace(/[\s,.;:!?"“”()\u2013\u2014-]+$/u, '')
    .replace(/^[\s,.;:!?"“”()]+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function findNames(text: string): FoundName[] {
  const doc = compromise()(text);
  const groups: [EntityKind, string[]][] = [
    ['person', doc.people().out('array') as string[]],
    ['organisation', doc.organizations().out('array') as string[]],
    ['place', doc.places().out('array') as string[]],
  ];
  const counts = new Map<string, FoundName>();
  for (const [kind, names] of groups) {
    for (const raw of names) {
      const cleaned = clean(raw);
      // "Major General Yuri Popov" is the person Yuri Popov; the title belongs to a statement's role.
      const name = kind === 'person' ? (parseSpeaker(cleaned)?.name ?? cleaned) : cleaned;
      if (name.length < 3 || !/^\p{Lu}/u.test(name)) continue;
      const key = `${kind}:${name.toLowerCase()}`;
      const existing = counts.get(key);
      if (existing) existing.count++;
      else counts.set(key, { kind, name, count: 1 });
    }
  }
  const all = [...counts.values()];
  const longer = (short: FoundName): FoundName | undefined =>
    all.find(
      (other) =>
        other !== short &&
        other.kind === short.kind &&
        other.name.length > short.name.length &&
        new RegExp(`(?:^|\\s)${short.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s|$)`, 'u').test(other.name),
    );
  const kept: FoundName[] = [];
  for (const name of all) {
    const into = longer(name);
    if (into) into.count += name.count;
    else kept.push(name);
  }
  return kept.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
