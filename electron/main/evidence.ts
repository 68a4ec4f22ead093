// The desktop app's evidence scheme: dossier-evidence://item/<id>/<readable|original> serves the same defused
// documents as the browser door's /evidence/ route, with the sandboxing evidence policy as a header.
import { protocol } from 'electron';
import type { Archive } from '../../db/open';
import { EVIDENCE_CONTENT_SECURITY_POLICY } from '../contract/security';
import { errorResult } from '../contract/operations';

export const EVIDENCE_SCHEME = 'dossier-evidence';

/** Must run before the app is ready. */
export function registerEvidenceScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: EVIDENCE_SCHEME, privileges: { standard: true, secure: true } }]);
}

type Render = (archive: Archive, input: { id: string; view: 'readable' | 'original' }) => Promise<{ html: string }>;

export async function evidenceResponse(archive: Archive, url: string, render: Render): Promise<Response> {
  const match = new RegExp(`^${EVIDENCE_SCHEME}://item/([0-9a-f-]{8,36})/(readable|original)$`).exec(url);
  const headers = { 'Content-Security-Policy': EVIDENCE_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  if (!match) return new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain' } });
  try {
    const { html } = await render(archive, { id: match[1]!, view: match[2] as 'readable' | 'original' });
    return new Response(html, { status: 200, headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
  } catch (error) {
    const { error: value } = errorResult(error) as { error: { message: string } };
    return new Response(value.message, { status: 400, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}

export function serveEvidence(archive: Archive): void {
  protocol.handle(EVIDENCE_SCHEME, async (request) => {
    const { evidenceDocument } = await import('../../db/ops/evidence');
    return evidenceResponse(archive, request.url, evidenceDocument);
  });
}
