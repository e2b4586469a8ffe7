import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { buildConsole } from '../../scripts/build-console.mjs';
import { setupGateway } from './gateway.js';
import { listen, root } from './servers.js';

/** Debian's chromium; `.ci/run` installs it with apt when it is missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots land here, one folder per test file; CI keeps the folder as its artifact. */
export const ARTIFACTS = path.join(root, 'test-results');

/**
 * The console built from web/ for this run (so a test always sees the current source), a gateway
 * serving it over real HTTP (`base`; `url` is its /graphql), and a browser; all closed after the
 * file's tests.
 */
export async function consoleUnderTest(options: Omit<NonNullable<Parameters<typeof setupGateway>[0]>, 'consoleDir'> = {}) {
  const consoleDir = await mkdtemp(path.join(tmpdir(), 'scopegate-console-'));
  afterAll(() => rm(consoleDir, { recursive: true, force: true }));
  await buildConsole(consoleDir);
  const served = await setupGateway({ ...options, consoleDir });
  const { url } = await listen(served.gateway);
  return { ...served, url, base: url.replace(/\/graphql$/, ''), browser: await launchBrowser() };
}

/**
 * A headless Chromium, closed after the file's tests. The flags keep it off the network it would
 * otherwise call at start (updates, sync, safe browsing): this machine refuses those connections.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  afterAll(() => browser.close());
  return browser;
}

export async function screenshot(page: Page, folder: string, name: string): Promise<void> {
  const dir = path.join(ARTIFACTS, folder);
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A new context of the given width (its own cookies), signed in with `session` when given. */
export async function newConsolePage(browser: Browser, base: string, options: { width: number; session?: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width, height: options.width < 600 ? 740 : 900 } });
  context.setDefaultTimeout(10_000);
  if (options.session) await context.addCookies([{ name: 'scopegate_session', value: options.session, url: base, httpOnly: true, sameSite: 'Strict' }]);
  return context.newPage();
}

let axeSource: Promise<string> | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's serious and critical violations on the page as it is now. The source is evaluated
 * through the DevTools protocol, which the page's Content-Security-Policy does not govern (a
 * <script> tag would be refused, as it should be).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  const source = await axeSource;
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error -- axe is the global the source above defined
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** How far the page scrolls sideways: 0 when nothing is wider than the viewport. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
