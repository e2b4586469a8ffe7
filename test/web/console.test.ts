/**
 * The web console in a real Chromium against a real gateway over HTTP on PostgreSQL: the console is
 * built from web/ by Vite for this run, so the test always sees the current source.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleUnderTest, screenshot } from '../helpers/browser.js';
import { execute } from '../helpers/execute.js';
import { createDevice, createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';

// A database of its own, so the admin's "all tokens" table holds only this file's tokens.
const { gateway, prisma, base, browser, url } = await consoleUnderTest({ isolated: true });

const member = await createUser(prisma, { email: 'dana@example.test', name: 'Dana' });
const admin = await createUser(prisma, { email: 'root@example.test', name: 'Root', role: 'ADMIN' });
const alpha = await createProject(prisma, member.id, 'Alpha');
const sensor1 = await createDevice(prisma, alpha.id, 'sensor-1');
const sensor2 = await createDevice(prisma, alpha.id, 'sensor-2');

/** A script's call with the secret, over real HTTP. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const api = (secret: string, query: string, variables: Record<string, unknown> = {}) => execute<any, unknown>(url, query, variables, { token: secret });

/** A fresh browser context (its own cookies), closed with the browser. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

async function signIn(page: Page, email: string) {
  await page.goto(base);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Every visible form control has an accessible name from a <label> or aria-label. */
async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
      .filter((el) => el.offsetParent !== null && el.type !== 'hidden')
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
      .map((el) => el.outerHTML),
  );
}

describe('web console', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage();
  });

  it('serves the page with a strict Content-Security-Policy and no inline script', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${base}${asset}`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/nope.js`)).status).toBe(404);
  });

  it('announces a failed sign-in, then signs in with the session cookie', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(base);
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByLabel('E-mail').fill(member.email);
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/password/i);
    // The bad attempt answers 401, which the browser reports on its console; nothing else may appear.
    errors.length = 0;
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await screenshot(page, 'console', '01-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your tokens' }).waitFor();
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'scopegate_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Strict');
    // The page cannot read its own session: no token in storage, none in document.cookie.
    expect(await page.evaluate(() => document.cookie + JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).toBe('{}{}');
    expect(errors).toEqual([]);
  });

  let secret = '';

  it('creates a CUSTOM token from two permission rows and a checked method list, and shows the secret once', async () => {
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New token' });
    await dialog.waitFor();
    await dialog.getByLabel('Name').fill('ci-deployer');
    await dialog.getByLabel('Description').fill('Deploys sensor firmware from CI');
    await dialog.getByLabel('Your password (to confirm)').fill(PASSWORD);
    // Submitted without a row: told so, and the message goes as soon as a row is added.
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await dialog.getByRole('alert').getByText('Add at least one permission row.').waitFor();
    // The expiry defaults from the policy (none here: empty means never).
    await dialog.getByLabel('Entity').selectOption('DEVICE');
    await dialog.getByLabel('Action').selectOption('READ');
    await dialog.getByLabel('Project').selectOption({ label: 'Alpha' });
    await dialog.getByRole('button', { name: 'Add permission' }).click();
    await dialog.getByText('Add at least one permission row.').waitFor({ state: 'detached' });
    await dialog.getByLabel('Action').selectOption('WRITE');
    await dialog.getByLabel('Device', { exact: true }).locator(`option[value="${sensor1.id}"]`).waitFor({ state: 'attached' });
    await dialog.getByLabel('Device', { exact: true }).selectOption({ label: 'sensor-1' });
    await dialog.getByRole('button', { name: 'Add permission' }).click();
    const rows = dialog.getByRole('table', { name: 'Permissions of the token' }).locator('tbody tr');
    expect(await rows.allTextContents()).toEqual(['DeviceReadproject AlphaRemove', 'DeviceWritedevice sensor-1Remove']);
    // A third row, removed again with its labelled button.
    await dialog.getByLabel('Entity').selectOption('PROJECT');
    await dialog.getByRole('button', { name: 'Add permission' }).click();
    expect(await rows.count()).toBe(3);
    await dialog.getByRole('button', { name: 'Remove Project write · project Alpha' }).click();
    expect(await rows.count()).toBe(2);

    await dialog.getByLabel('Chosen methods').check();
    await dialog.getByLabel('Search methods').fill('device');
    const methods = dialog.locator('ul.checks li');
    expect(await methods.allTextContents()).toEqual([' Query.devices', ' Query.device', ' Mutation.createDevice', ' Mutation.updateDevice', ' Mutation.deleteDevice']);
    await dialog.getByLabel('Query.devices').check();
    await dialog.getByLabel('Mutation.updateDevice').check();
    await dialog.getByLabel('Search methods').fill('');
    await dialog.getByLabel('Only checked').check();
    expect(await methods.allTextContents()).toEqual([' Query.devices', ' Mutation.updateDevice']);
    expect(await unlabelledControls(page)).toEqual([]);
    await dialog.getByLabel('Your password (to confirm)').fill(PASSWORD);
    await screenshot(page, 'console', '02-create-form');
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Your new token ci-deployer' });
    await secretDialog.waitFor();
    expect(await secretDialog.textContent()).toContain('It will not be shown again');
    secret = await secretDialog.getByLabel('Token secret').inputValue();
    expect(secret).toMatch(/^scopegate_tok_/);
    await secretDialog.getByRole('button', { name: 'Copy', exact: true }).click();
    await secretDialog.getByText(/Copied to the clipboard|Selected: press Ctrl\+C/).waitFor();
    await screenshot(page, 'console', '03-secret-once');
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    await secretDialog.waitFor({ state: 'detached' });
    // Gone for good: nowhere on the page any more.
    expect(await page.content()).not.toContain(secret);
  });

  it('the secret works from a script, exactly as far as its two rows and two methods reach', async () => {
    const list = await api(secret, 'query($p: ID!) { devices(projectId: $p) { nodes { name } } }', { p: alpha.id });
    expect(list.body.data?.devices.nodes.map((d: { name: string }) => d.name).sort()).toEqual(['sensor-1', 'sensor-2']);
    const update = `mutation($id: ID!) { updateDevice(id: $id, status: ONLINE) { status } }`;
    expect((await api(secret, update, { id: sensor1.id })).body.data?.updateDevice.status).toBe('ONLINE');
    const denied = await api(secret, update, { id: sensor2.id });
    expect(denied.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'MISSING_GRANT' });
    const method = await api(secret, '{ projects { nodes { id } } }');
    expect(method.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'METHOD_NOT_ALLOWED' });
  });

  it('lists the token with its scope and last use, then revokes it with a reason', async () => {
    await page.reload();
    const row = page.locator('tr', { has: page.getByText('ci-deployer', { exact: true }) });
    await row.waitFor();
    const cells = await row.locator('th, td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['ci-deployerDeploys sensor firmware from CI', 'Custom', member.email]);
    // The id, shortened, and the first characters of the secret, to recognise it by.
    const created = await prisma.accessToken.findFirstOrThrow({ where: { name: 'ci-deployer' } });
    expect(cells[3]).toBe(`${created.id.slice(0, 8)}secret ${secret.slice(0, 18)}…`);
    expect(cells[5]).toBe('never');
    expect(cells[6]).toMatch(/just now|minute/);
    expect(cells[7]).toBe('Device read · project Alpha; Device write · device sensor-1 — 2 methods');
    expect(cells[8]).toBe('Active');
    await screenshot(page, 'console', '04-token-table');

    await row.getByRole('button', { name: 'Revoke ci-deployer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke ci-deployer' });
    await dialog.getByLabel('Reason (kept in the audit trail)').fill('Leaked in a CI log');
    await screenshot(page, 'console', '05-revoke-dialog');
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByRole('status').getByText('Revoked ci-deployer.').waitFor();
    await row.waitFor({ state: 'detached' });

    const after = await api(secret, 'query($p: ID!) { devices(projectId: $p) { nodes { name } } }', { p: alpha.id });
    expect(after.status).toBe(401);
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    await page.getByRole('tab', { name: 'Revoked' }).click();
    const revoked = page.locator('tr', { has: page.getByText('ci-deployer', { exact: true }) });
    await revoked.waitFor();
    expect(await revoked.locator('td').nth(7).textContent()).toBe('Revoked“Leaked in a CI log”');
    await screenshot(page, 'console', '06-revoked-tab');
    const event = await prisma.tokenEvent.findFirstOrThrow({ where: { kind: 'REVOKED', token: { name: 'ci-deployer' } } });
    expect(event.details).toMatchObject({ reason: 'Leaked in a CI log' });
  });

  it('tabs and dialogs work from the keyboard, with a visible focus ring', async () => {
    await page.getByRole('tab', { name: 'Revoked' }).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Expired');
    expect(await page.getByRole('tab', { name: 'Expired' }).getAttribute('aria-selected')).toBe('true');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.getByRole('button', { name: 'New token' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New token' });
    await dialog.waitFor();
    // Focus moved into the modal; Escape closes it and gives focus back to the opener.
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('New token');
  });
});

describe('web console: every other screen', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage();
    await signIn(page, member.email);
  });

  it('edits a token, regenerates its secret and copies it', async () => {
    const token = await createToken(prisma, { createdById: member.id, name: 'nightly-export', grants: [grant('PROJECT', 'READ')] });
    await page.reload();
    const row = () => page.locator('tr', { has: page.locator('.token-name', { hasText: /^nightly-export$/ }) });
    await row().getByRole('button', { name: 'Edit nightly-export' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit nightly-export' });
    await edit.getByLabel('Description').fill('Exports every project at 02:00');
    await edit.getByLabel('A preset').check();
    await edit.getByLabel('Preset', { exact: true }).selectOption({ label: 'Read only' });
    await edit.getByLabel('Your password (to confirm)').fill(PASSWORD);
    await screenshot(page, 'console', '07-edit-dialog');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Saved nightly-export.').waitFor();
    await row().locator('td.scope', { hasText: 'Read only methods' }).waitFor();
    expect(await row().locator('td.scope').textContent()).toBe('Project read · all projects — Read only methods');
    expect(await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).toMatchObject({ description: 'Exports every project at 02:00', apiMethodSet: 'READ_ONLY' });

    await row().getByRole('button', { name: 'Regenerate nightly-export' }).click();
    const regenerate = page.getByRole('dialog', { name: 'Regenerate nightly-export' });
    await regenerate.getByLabel('Your password (to confirm)').fill('not my password');
    await regenerate.getByRole('button', { name: 'Regenerate' }).click();
    expect(await regenerate.getByRole('alert').textContent()).toMatch(/password is wrong/);
    await regenerate.getByLabel('Your password (to confirm)').fill(PASSWORD);
    await screenshot(page, 'console', '08-regenerate-dialog');
    await regenerate.getByRole('button', { name: 'Regenerate' }).click();
    const fresh = page.getByRole('dialog', { name: 'New secret for nightly-export' });
    const newSecret = await fresh.getByLabel('Token secret').inputValue();
    await fresh.getByRole('button', { name: 'I have stored it' }).click();
    expect((await api(token.secret, '{ projects { nodes { id } } }')).status).toBe(401);
    expect((await api(newSecret, '{ projects { nodes { id } } }')).body.data?.projects.nodes).toEqual([{ id: alpha.id }]);

    await row().getByRole('button', { name: 'Copy nightly-export' }).click();
    const copy = page.getByRole('dialog', { name: 'Copy nightly-export' });
    expect(await copy.getByLabel('Name of the copy').inputValue()).toBe('nightly-export (copy)');
    await copy.getByLabel('Your password (to confirm)').fill(PASSWORD);
    await screenshot(page, 'console', '09-copy-dialog');
    await copy.getByRole('button', { name: 'Copy token' }).click();
    const copied = page.getByRole('dialog', { name: 'Created nightly-export (copy)' });
    expect(await copied.getByLabel('Token secret').inputValue()).toMatch(/^scopegate_tok_/);
    await copied.getByRole('button', { name: 'I have stored it' }).click();
    await page.locator('.token-name', { hasText: 'nightly-export (copy)' }).waitFor();
  });

  it('shows the least-privilege suggestion as a diff and applies it', async () => {
    const wide = await createToken(prisma, { createdById: member.id, name: 'too-wide', grants: [grant('DEVICE', 'WRITE'), grant('PROJECT', 'WRITE')] });
    await api(wide.secret, 'query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: alpha.id });
    await api(wide.secret, 'mutation($id: ID!) { updateDevice(id: $id, name: "sensor-1") { id } }', { id: sensor1.id });
    await gateway.usage.flush();
    await page.reload();
    await page.getByRole('button', { name: 'Least privilege for too-wide' }).click();
    const dialog = page.getByRole('dialog', { name: 'Least privilege for too-wide' });
    const diff = dialog.getByLabel('Suggested change');
    await diff.waitFor();
    expect((await diff.locator('span').allTextContents()).map((line) => line.trim())).toEqual([
      '− Device write · all projects',
      '− Project write · all projects',
      '+ Device read · project Alpha',
      '+ Device write · device sensor-1',
      '− method all methods',
      '+ method Mutation.updateDevice',
      '+ method Query.devices',
    ]);
    await dialog.getByLabel('Your password (to confirm)').fill(PASSWORD);
    await screenshot(page, 'console', '10-least-privilege-diff');
    await dialog.getByRole('button', { name: 'Apply suggestion' }).click();
    await page.getByRole('status').getByText('Narrowed too-wide to what it used.').waitFor();
    const narrowed = await prisma.accessToken.findUniqueOrThrow({ where: { id: wide.id }, include: { grants: true } });
    expect(narrowed.apiMethods.sort()).toEqual(['Mutation.updateDevice', 'Query.devices']);
    expect(narrowed.grants.map((g) => `${g.entity}:${g.action}:${g.deviceId ?? g.projectId}`).sort()).toEqual([`DEVICE:READ:${alpha.id}`, `DEVICE:WRITE:${sensor1.id}`]);
  });

  it('regenerates with an overlap, shows until when the previous secret works, and offers self-rotation', async () => {
    const token = await createToken(prisma, { createdById: member.id, name: 'overlap-job', grants: [grant('PROJECT', 'READ')] });
    await page.reload();
    const row = () => page.locator('tr', { has: page.locator('.token-name', { hasText: /^overlap-job$/ }) });
    await row().getByRole('button', { name: 'Regenerate overlap-job' }).click();
    const regenerate = page.getByRole('dialog', { name: 'Regenerate overlap-job' });
    await regenerate.getByLabel('The current secret keeps working').selectOption({ label: 'for 1 day' });
    await regenerate.getByLabel('Your password (to confirm)').fill(PASSWORD);
    await screenshot(page, 'console', '08b-regenerate-overlap');
    await regenerate.getByRole('button', { name: 'Regenerate' }).click();
    const fresh = page.getByRole('dialog', { name: 'New secret for overlap-job' });
    const newSecret = await fresh.getByLabel('Token secret').inputValue();
    await fresh.getByRole('button', { name: 'I have stored it' }).click();
    await row().getByText('previous secret valid until').waitFor();
    // Inside the overlap the old secret still works; the new one's first use ends it.
    expect((await api(token.secret, '{ viewer { authMethod } }')).status).toBe(200);
    expect((await api(newSecret, '{ viewer { authMethod } }')).status).toBe(200);
    expect((await api(token.secret, '{ viewer { authMethod } }')).status).toBe(401);

    await page.getByRole('button', { name: 'New token' }).click();
    const create = page.getByRole('dialog', { name: 'New token' });
    await create.getByLabel('Kind').selectOption('USER');
    await create.getByLabel('Name').fill('self-rotating');
    await create.getByLabel(/Let the token rotate its own secret/).check();
    await create.getByLabel('Your password (to confirm)').fill(PASSWORD);
    await create.getByRole('button', { name: 'Create token' }).click();
    const created = page.getByRole('dialog', { name: 'Your new token self-rotating' });
    const selfRotating = await created.getByLabel('Token secret').inputValue();
    await created.getByRole('button', { name: 'I have stored it' }).click();
    const rotated = await fetch(`${base}/auth/token/rotate`, { method: 'POST', headers: { authorization: `Bearer ${selfRotating}` } });
    expect(rotated.status).toBe(200);
  });

  it('lists expired tokens and brings one back with a new expiry', async () => {
    await createToken(prisma, { createdById: member.id, name: 'old-script', grants: [grant('PROJECT', 'READ')], expiresAt: new Date(Date.now() - 3 * 86_400_000) });
    await page.reload();
    await page.getByRole('tab', { name: 'Expired' }).click();
    const row = page.locator('tr', { has: page.locator('.token-name', { hasText: /^old-script$/ }) });
    await row.waitFor();
    expect(await row.locator("td").nth(4).textContent()).toBe("3 days ago");
    expect(await row.getByRole('button').allTextContents()).toEqual(['Regenerate', 'Copy', 'Revoke']);
    await row.getByRole('button', { name: 'Regenerate old-script' }).click();
    const dialog = page.getByRole('dialog', { name: 'Regenerate old-script' });
    expect(await dialog.getByLabel('New expiry date').getAttribute('required')).not.toBeNull();
    expect(await dialog.getByLabel('New expiry date').inputValue()).toBe(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await screenshot(page, 'console', '11-expired-tab');
    await dialog.getByLabel('Your password (to confirm)').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Regenerate' }).click();
    const fresh = page.getByRole('dialog', { name: 'New secret for old-script' });
    const secret = await fresh.getByLabel('Token secret').inputValue();
    await fresh.getByRole('button', { name: 'I have stored it' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await api(secret, '{ projects { nodes { id } } }')).body.data?.projects.nodes).toEqual([{ id: alpha.id }]);
  });

  it("manages a project's own tokens under the project", async () => {
    await page.getByRole('link', { name: 'Project tokens' }).click();
    await page.getByRole('heading', { name: 'Project Alpha' }).waitFor();
    await page.getByRole('button', { name: 'New token for Alpha' }).click();
    const dialog = page.getByRole('dialog', { name: 'New token for Alpha' });
    // Open first: the dialog is shown by an effect after the click, and counted inside before
    // that, the Kind field would be missing whatever the form holds.
    await dialog.waitFor();
    expect(await dialog.getByLabel('Kind').count()).toBe(0);
    expect(await dialog.getByLabel('Project', { exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel('Name').fill('alpha-dashboard');
    await dialog.getByRole('button', { name: 'Add permission' }).click();
    await dialog.getByLabel('A preset').check();
    await dialog.getByLabel('Your password (to confirm)').fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Your new token alpha-dashboard' });
    const projectSecret = await secretDialog.getByLabel('Token secret').inputValue();
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    const row = page.locator('tr', { has: page.locator('.token-name', { hasText: /^alpha-dashboard$/ }) });
    expect(await row.locator('td').nth(0).textContent()).toBe('Project');
    expect(await row.locator('td').nth(1).textContent()).toBe('project Alpha');
    await screenshot(page, 'console', '12-project-tokens');
    const devices = await api(projectSecret, 'query($p: ID!) { devices(projectId: $p) { nodes { name } } }', { p: alpha.id });
    expect(devices.body.data?.devices.nodes).toHaveLength(2);
  });

  it('shows expiry notifications and marks them read', async () => {
    const { ExpiryNotifier } = await import('../../src/lifecycle/expiry-notices.js');
    // Earlier steps leave notices of their own (the regenerated secret's reuse): start from none unread.
    await prisma.notification.updateMany({ where: { userId: member.id }, data: { readAt: new Date() } });
    await createToken(prisma, { createdById: member.id, name: 'expiring-soon', grants: [grant('PROJECT', 'READ')], expiresAt: new Date(Date.now() + 3 * 86_400_000) });
    await createToken(prisma, { createdById: member.id, name: 'gone-script', grants: [grant('PROJECT', 'READ')], expiresAt: new Date(Date.now() - 86_400_000) });
    await new ExpiryNotifier(prisma, undefined).runOnce();
    await page.reload();
    const nav = page.getByRole('link', { name: /^Notifications/ });
    // gone-script expired yesterday, expiring-soon expires in three days, and old-script (renewed
    // above to expire in 30 days, at midnight) is inside the 30-day notice: three notices.
    await nav.getByText('Notifications (3 unread)').waitFor();
    await nav.click();
    const item = page.locator('ul.notifications li', { hasText: 'expiring-soon' });
    await item.waitFor();
    expect(await item.getAttribute('class')).toBe('unread');
    expect(await page.locator('ul.notifications li.unread', { hasText: 'gone-script' }).count()).toBe(1);
    await screenshot(page, 'console', '13-notifications');
    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await page.locator('ul.notifications li.read', { hasText: 'expiring-soon' }).waitFor();
    expect(await page.locator('ul.notifications li.unread').count()).toBe(0);
  });

  it('gives admins every token with search, and revoking from there', async () => {
    const adminPage = await newPage();
    const context = adminPage.context();
    await signIn(adminPage, admin.email);
    await adminPage.getByRole('link', { name: 'All tokens' }).click();
    await adminPage.getByRole('heading', { name: 'All tokens' }).waitFor();
    await adminPage.getByLabel('Search name, description, owner or creator').fill('nightly');
    await adminPage.getByRole('button', { name: 'Search', exact: true }).click();
    await adminPage.getByRole('status').getByText('2 tokens matching “nightly”.').waitFor();
    const names = await adminPage.locator('.token-name').allTextContents();
    expect(names.sort()).toEqual(['nightly-export', 'nightly-export (copy)']);
    const row = adminPage.locator('tr', { has: adminPage.locator('.token-name', { hasText: /^nightly-export$/ }) });
    // Someone else's personal token: an admin may revoke it and read its trail, never edit, regenerate or copy it.
    expect(await row.getByRole('button').allTextContents()).toEqual(['Revoke', 'Audit trail']);
    await screenshot(adminPage, 'console', '14-admin-search');
    await row.getByRole('button', { name: 'Revoke nightly-export' }).click();
    await adminPage.getByLabel('Reason (kept in the audit trail)').fill('Owner left the team');
    await adminPage.getByRole('button', { name: 'Revoke token' }).click();
    await adminPage.getByRole('status').getByText('Revoked nightly-export.').waitFor();
    await row.waitFor({ state: 'detached' });
    expect(await adminPage.locator('.token-name').allTextContents()).toEqual(['nightly-export (copy)']);
    // A member never sees the admin page in the navigation.
    expect(await page.getByRole('link', { name: 'All tokens' }).count()).toBe(0);
    await adminPage.getByRole('button', { name: 'Sign out' }).click();
    await adminPage.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await context.cookies()).find((c) => c.name === 'scopegate_session')).toBeUndefined();
  });
});

describe('web console under a token policy', () => {
  const setPolicy = async (input: Record<string, unknown>) =>
    (await execute(url, 'mutation($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { maxLifetimeDays } }', { input }, { session: admin.session })).body;

  it('offers the policy default expiry, never a date past the maximum, and creates the token with it', async () => {
    expect(await setPolicy({ defaultLifetimeDays: 30, maxLifetimeDays: 90 })).toEqual({ data: { setTokenPolicy: { maxLifetimeDays: 90 } } });
    const page = await newPage();
    try {
      await signIn(page, member.email);
      await page.getByRole('button', { name: 'New token' }).click();
      const dialog = page.getByRole('dialog', { name: 'New token' });
      const expiry = dialog.getByLabel('Expires on (start of the day, UTC)');
      const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
      expect(await expiry.inputValue()).toBe(day(30));
      expect(await expiry.getAttribute('max')).toBe(day(90));
      expect(await expiry.getAttribute('required')).not.toBeNull();
      expect(await dialog.getByText('The token policy allows up to 90 days.').count()).toBe(1);
      await dialog.getByLabel('Kind').selectOption('USER');
      await dialog.getByLabel('Name').fill('under-policy');
      await dialog.getByLabel('Your password (to confirm)').fill(PASSWORD);
      await screenshot(page, 'console', '15-create-under-policy');
      await dialog.getByRole('button', { name: 'Create token' }).click();
      await page.getByRole('dialog', { name: 'Your new token under-policy' }).getByRole('button', { name: 'I have stored it' }).click();
      const token = await prisma.accessToken.findFirstOrThrow({ where: { name: 'under-policy' } });
      expect(token.expiresAt?.toISOString()).toBe(`${day(30)}T00:00:00.000Z`);
      const row = page.locator('tr', { has: page.locator('.token-name', { hasText: /^under-policy$/ }) });
      expect(await row.locator('td').nth(4).textContent()).toMatch(/^in (29|30) days$/);
    } finally {
      await setPolicy({ defaultLifetimeDays: null, maxLifetimeDays: null });
      await page.context().close();
    }
  });
});
