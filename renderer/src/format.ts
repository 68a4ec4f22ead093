// Small display helpers shared by the panes: labels for item types and link relations, dates, sizes, base64.
import type { ItemType, LinkRelation } from '../../electron/contract';

export const TYPE_LABEL: Record<ItemType, string> = {
  article: 'Article',
  statement: 'Statement',
  incident: 'Incident',
  note: 'Note',
};

export const TYPE_PLURAL: Record<ItemType, string> = {
  article: 'Articles',
  statement: 'Statements',
  incident: 'Incidents',
  note: 'Notes',
};

export const RELATION_LABEL: Record<LinkRelation, string> = {
  mentions: 'mentions',
  quotes: 'quotes',
  'reports-on': 'reports on',
  about: 'is about',
  corroborates: 'corroborates',
  contradicts: 'contradicts',
  'same-event': 'same event as',
  related: 'related to',
  'sourced-from': 'sourced from',
  'possible-duplicate': 'possible duplicate of',
};

/** How an incoming link reads from the target's side ("quoted by", "source of"...). */
export const RELATION_INVERSE_LABEL: Record<LinkRelation, string> = {
  mentions: 'mentioned by',
  quotes: 'quoted by',
  'reports-on': 'reported on by',
  about: 'subject of',
  corroborates: 'corroborated by',
  contradicts: 'contradicted by',
  'same-event': 'same event as',
  related: 'related to',
  'sourced-from': 'source of',
  'possible-duplicate': 'possibly duplicated by',
};

const STAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function zoneLabel(zone: string | undefined): string {
  if (!zone) return '';
  if (zone === 'Z' || /^[+-]00:?00$/.test(zone)) return ' UTC';
  return ` UTC${zone}`;
}

/**
 * Dates stay unambiguous for investigators working across locales and are shown as stored, never shifted into
 * the viewer's time zone: `2024-04-19`. Anything unrecognised is shown as given.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const stamp = STAMP.exec(value);
  return stamp ? stamp[1]! : value;
}

/** A timestamp as stored, with its zone: `2024-04-19 13:40 UTC`; plain dates stay plain. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const stamp = STAMP.exec(value);
  if (!stamp) return value;
  return `${stamp[1]} ${stamp[2]}${zoneLabel(stamp[3])}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

/** Reads a picked file as base64 without building a giant string of char codes. */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read "${file.name}".`));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
