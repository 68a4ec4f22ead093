// The page policy shared by the HTML meta tag, the browser door's headers and the Electron session
// (test/architecture.test.ts checks that renderer/index.html carries the same one).
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // Evidence documents: the browser door serves them from 'self', the desktop app from its own scheme.
  "frame-src 'self' dossier-evidence:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * For imported pages shown as evidence: a sandboxed document (opaque origin, no script, no forms) that may load
 * nothing but the data: URIs it carries.
 */
export const EVIDENCE_CONTENT_SECURITY_POLICY = [
  'sandbox',
  "default-src 'none'",
  'img-src data:',
  "style-src 'unsafe-inline'",
  'font-src data:',
  "frame-ancestors 'self'",
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

/** The same policy as a <meta> tag may carry it (no sandbox or frame-ancestors, which only headers can set). */
export const EVIDENCE_META_POLICY = EVIDENCE_CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('sandbox') && !directive.startsWith('frame-ancestors'))
  .join('; ');
