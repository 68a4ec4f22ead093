// UUIDv7 ids: globally unique (so two archives merge without clashes) and roughly time-ordered.
import { randomBytes } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;

export function newId(): string {
  let millis = Date.now();
  if (millis <= lastMillis) {
    // Same millisecond (or a clock step back): keep ids ordered by bumping a 12-bit counter.
    millis = lastMillis;
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) millis = ++lastMillis;
  } else {
    sequence = randomBytes(2).readUInt16BE(0) & 0x7ff;
  }
  lastMillis = millis;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(millis, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function nowIso(): string {
  return new Date().toISOString();
}
