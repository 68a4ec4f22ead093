// Answers of the browser door: every response carries the same protective headers; errors are Result data.
import { timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const PROTECTIVE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

export function send(response: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    ...PROTECTIVE_HEADERS,
    ...extra,
  });
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON.stringify(value), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
}

export function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  sendJson(response, status, { ok: false, error: { code, message } });
}

export function tokenMatches(header: string | undefined, token: string): boolean {
  return presentedTokenMatches(/^Bearer (.+)$/.exec(header ?? '')?.[1], token);
}

export function presentedTokenMatches(presented: string | undefined | null, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

