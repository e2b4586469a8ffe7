/**
 * The GraphiQL page's headers, and the page itself running in a real Chromium under its
 * Content-Security-Policy: a policy that broke the editor would pass a header check.
 */
import { describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from '../helpers/browser.js';
import { createToken, createUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { listen } from '../helpers/servers.js';

const { gateway, prisma } = await setupGateway();

const page = (headers: Record<string, string> = {}) => gateway.fetch('http://scopegate.test/graphql', { headers: { accept: 'text/html', ...headers } });

/** The policy as directive -> sources. */
function policy(response: Response): Record<string, string[]> {
  const header = response.headers.get('content-security-policy') ?? '';
  return Object.fromEntries(header.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

function expectPageHeaders(response: Response) {
  const csp = policy(response);
  expect(csp).toMatchObject({
    'default-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
  });
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  return csp;
}

describe('the GraphiQL page', () => {
  it('carries the console’s security headers on the admin page and on every refusal', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const member = await createUser(prisma);
    const served = await page({ cookie: `scopegate_session=${admin.session}` });
    expect(served.status).toBe(200);
    const csp = expectPageHeaders(served);
    // Its one inline script is allowed by hash, never by 'unsafe-inline' or eval.
    expect(csp['script-src']).toEqual([expect.stringMatching(/^'sha256-[A-Za-z0-9+/]{43}='$/)]);
    expect(csp).toMatchObject({ 'worker-src': ['blob:'], 'style-src': ["'unsafe-inline'"], 'font-src': ['data:'], 'img-src': ['data:'] });
    for (const refused of [await page({ cookie: `scopegate_session=${member.session}` }), await page(), await page({ cookie: 'scopegate_session=%E0%A4%A' })]) {
      expect([403, 401]).toContain(refused.status);
      expect(policy(refused)['script-src']).toBeUndefined();
      expectPageHeaders(refused);
    }
  });

  it('runs in Chromium under its policy: no violation, and a query answers with the admin session', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    await createToken(prisma, { kind: 'USER', createdById: admin.id });
    const { url } = await listen(gateway);
    const browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(15_000);
    await context.addCookies([{ name: 'scopegate_session', value: admin.session, url, httpOnly: true, sameSite: 'Strict' }]);
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy|web worker/i.test(message.text())) problems.push(message.text());
    });
    tab.on('pageerror', (error) => problems.push(error.message));
    await tab.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.effectiveDirective} ${e.blockedURI}`));
    });
    const response = await tab.goto(url);
    expect(response!.status()).toBe(200);
    // The editor is Monaco, whose language features run in blob: workers.
    const editor = tab.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.waitFor();
    await editor.click();
    await tab.keyboard.press('Control+A');
    // The editor closes the brackets it opens.
    await tab.keyboard.type('{ viewer { authMethod');
    await tab.keyboard.press('Escape');
    await tab.keyboard.press('Control+Enter');
    await tab.locator('.graphiql-response').getByText('"SESSION"').waitFor();
    await screenshot(tab, 'graphiql', 'query-answered');
    expect(problems).toEqual([]);
  });
});
