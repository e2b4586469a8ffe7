/**
 * What every HTML page of ours forbids: loading anything not named by the page's own sources,
 * talking to any origin but this one, being framed (clickjacking of a revoke button or of a
 * signed-in GraphiQL), rebasing its relative URLs, and posting forms elsewhere.
 */
const BASE_POLICY: Record<string, string> = {
  'default-src': "'none'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

/** The security headers for a page that loads what `sources` allow on top of the base policy. */
export function pageSecurityHeaders(sources: Record<string, string> = {}): Record<string, string> {
  const policy = { ...BASE_POLICY, ...sources };
  return {
    'content-security-policy': Object.entries(policy)
      .map(([directive, value]) => `${directive} ${value}`)
      .join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}
