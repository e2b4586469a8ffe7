/**
 * Every console page, as an admin and as a member, at 1280 px and at 375 px, in a real Chromium
 * against a real gateway: loaded from its URL and reloaded, no sideways scrolling, no serious or
 * critical axe-core violation, a screenshot of each in test-results/console/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, consoleUnderTest, horizontalOverflow, newConsolePage, screenshot } from '../helpers/browser.js';
import { addMember, createDevice, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { execute } from '../helpers/execute.js';

// A database of its own: the admin's lists (users, all tokens, audit) hold only this file's rows.
const { gateway, prisma, base, browser } = await consoleUnderTest({ isolated: true });

const admin = await createUser(prisma, { email: 'ada.admin@example.test', name: 'Ada', role: 'ADMIN' });
const member = await createUser(prisma, { email: 'mo.member@example.test', name: 'Mo' });
const editor = await createUser(prisma, { email: 'ed.editor@example.test', name: 'Ed' });
const project = await createProject(prisma, member.id, 'Greenhouse');
await addMember(prisma, project.id, editor.id, 'EDITOR');
const device = await createDevice(prisma, project.id, 'soil-probe-with-a-rather-long-name-1');
await prisma.device.update({ where: { id: device.id }, data: { status: 'ONLINE', lastSeenAt: new Date(), metadata: { room: 'east wing', firmware: '2.3.1', sensors: ['moisture', 'temperature'] } } });
await createDevice(prisma, project.id, 'soil-probe-2');
await createToken(prisma, { createdById: member.id, name: 'greenhouse-exporter', description: 'Nightly export of every probe reading to the data lake', grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
await createToken(prisma, { kind: 'PROJECT', createdById: member.id, projectId: project.id, name: 'greenhouse-dashboard', grants: [grant('DEVICE', 'READ', { projectId: project.id })] });
const adminToken = await createToken(prisma, { createdById: admin.id, name: 'admin-script', grants: [grant('PROJECT', 'READ')] });
await prisma.tokenEvent.create({ data: { tokenId: adminToken.id, kind: 'CREATED', actorId: admin.id, ip: '203.0.113.7', details: { name: 'admin-script' } } });
const trust = await execute(gateway, 'mutation($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id } }', {
  input: {
    projectId: project.id,
    name: 'firmware-release-pipeline',
    issuer: 'https://token.actions.githubusercontent.com',
    jwksUri: 'https://token.actions.githubusercontent.com/.well-known/jwks',
    audience: 'https://scopegate.example.test',
    claims: { repository: 'greenhouse/firmware-with-a-long-repository-name', ref: 'refs/heads/release/**', environment: 'production' },
    grants: [{ entity: 'DEVICE', action: 'READ', projectId: project.id }],
    apiMethods: ['Query.devices', 'Query.device'],
    maxLifetimeSeconds: 900,
  },
}, { session: member.session });
const trustPolicyId = (trust.expectData() as { createTrustPolicy: { id: string } }).createTrustPolicy.id;
await execute(gateway, 'mutation($input: CreateEnrollmentTokenInput!) { createEnrollmentToken(input: $input) { secret } }', {
  input: { projectId: project.id, name: 'east-wing-probes', maxUses: 20, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(), deviceMetadata: { room: 'east wing' } },
}, { session: member.session }).then((r) => r.expectData());
// A device waiting for approval: the Connect a device page shows what it asked for.
const asked = await gateway.fetch('http://scopegate.test/auth/device', {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ project_id: project.id, device_name: 'greenhouse-thermostat' }).toString(),
});
const userCode = ((await asked.json()) as { user_code: string }).user_code;
// Hooks written straight to the database: no dispatcher runs here, so the secret is never used.
const hookUrl = 'https://hooks.greenhouse.example/scopegate/token-events/with-a-rather-long-path';
const hook = await prisma.webhook.create({
  data: { url: hookUrl, events: ['TOKEN_EXPIRING', 'TOKEN_EXPIRED', 'TOKEN_REVOKED'], projectId: project.id, createdById: member.id, sealedSecret: 'never-sent' },
});
await prisma.webhook.create({ data: { url: 'https://audit.example/hooks', events: ['TOKEN_CREATED'], createdById: admin.id, enabled: false, disabledReason: 'failing for 3 days', disabledAt: new Date(), sealedSecret: 'never-sent' } });
await prisma.webhookDelivery.createMany({
  data: [
    { webhookId: hook.id, messageId: 'msg_1', event: 'TOKEN_REVOKED', payload: {}, status: 'DELIVERED', attempts: 1, lastAttemptAt: new Date(), deliveredAt: new Date(), lastResponseStatus: 204 },
    { webhookId: hook.id, messageId: 'msg_2', event: 'TOKEN_EXPIRING', payload: {}, status: 'PENDING', attempts: 2, lastAttemptAt: new Date(), lastResponseStatus: 503, lastError: 'HTTP 503 Service Unavailable', nextAttemptAt: new Date(Date.now() + 60_000) },
  ],
});

/** Each page, its address, and the heading it shows; `admin` pages tell a member they are for admins. */
const PAGES = [
  { name: 'tokens', path: '/console/tokens', heading: 'Your tokens' },
  { name: 'project-tokens', path: '/console/project-tokens', heading: 'Project Greenhouse', title: 'Project tokens' },
  { name: 'all-tokens', path: '/console/all-tokens', heading: 'All tokens', admin: true },
  { name: 'projects', path: '/console/projects', heading: 'Projects' },
  { name: 'members', path: '/console/members', heading: 'Members of Greenhouse', title: 'Members' },
  { name: 'devices', path: '/console/devices', heading: 'Devices of Greenhouse', title: 'Devices' },
  { name: 'connect-device', path: `/console/devices/connect?user_code=${userCode}`, heading: 'Connect a device' },
  { name: 'enrollment-tokens', path: '/console/enrollment-tokens', heading: 'Enrollment tokens of Greenhouse', title: 'Enrollment tokens' },
  { name: 'trust-policies', path: '/console/trust-policies', heading: 'Trust policies' },
  { name: 'webhooks', path: '/console/webhooks', heading: 'Webhooks' },
  { name: 'users', path: '/console/users', heading: 'Users', admin: true },
  { name: 'token-policy', path: '/console/token-policy', heading: 'Token policy', admin: true },
  { name: 'audit', path: '/console/audit', heading: 'Audit log', admin: true },
  { name: 'notifications', path: '/console/notifications', heading: 'Notifications' },
  { name: 'account', path: '/console/account', heading: 'Your account' },
] as const;

/** Dialogs with an address, opened from a pasted link. */
const DIALOGS = [
  { name: 'new-token', path: '/console/tokens?dialog=new', title: 'New token', primary: 'Create token' },
  { name: 'new-project', path: '/console/projects?dialog=new', title: 'New project', primary: 'Create project' },
  { name: 'delete-project', path: `/console/projects?dialog=delete&target=${project.id}`, title: 'Delete Greenhouse', primary: 'Delete project' },
  { name: 'edit-device', path: `/console/devices?project=${project.id}&dialog=edit&target=${device.id}`, title: `Edit ${'soil-probe-with-a-rather-long-name-1'}`, primary: 'Save device' },
  { name: 'new-enrollment-token', path: '/console/enrollment-tokens?dialog=new', title: 'New enrollment token', primary: 'Create enrollment token' },
  { name: 'new-trust-policy', path: '/console/trust-policies?dialog=new', title: 'New trust policy', primary: 'Create trust policy' },
  { name: 'edit-trust-policy', path: `/console/trust-policies?dialog=edit&target=${trustPolicyId}`, title: 'Edit firmware-release-pipeline', primary: 'Save trust policy' },
  { name: 'new-webhook', path: '/console/webhooks?dialog=new', title: 'New webhook', primary: 'Create webhook' },
  { name: 'webhook-deliveries', path: `/console/webhooks?dialog=deliveries&target=${hook.id}`, title: `Deliveries to ${hookUrl}`, primary: 'Refresh' },
] as const;

async function checkView(page: Page, shot: string) {
  expect(await horizontalOverflow(page), `${shot}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  expect(await axeViolations(page), `${shot}: axe`).toEqual([]);
  await screenshot(page, 'console', shot);
}

for (const width of [1280, 375]) {
  for (const role of ['admin', 'member'] as const) {
    describe(`every page as ${role} at ${width} px`, () => {
      it('loads each page from its URL and again on reload, readable and without sideways scrolling', async () => {
        const page = await newConsolePage(browser, base, { width, session: role === 'admin' ? admin.session : member.session });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        try {
          for (const entry of PAGES) {
            await page.goto(`${base}${entry.path}`);
            const refused = role === 'member' && 'admin' in entry;
            await page.getByRole('heading', { name: entry.heading, exact: true, level: 1 }).waitFor();
            if (refused) await page.getByRole('alert').getByText('This page is for admins only').waitFor();
            await page.getByText('Loading…').waitFor({ state: 'detached' });
            await checkView(page, `${entry.name}-${role}-${width}`);
            await page.reload();
            await page.getByRole('heading', { name: entry.heading, exact: true, level: 1 }).waitFor();
            expect(page.url()).toBe(`${base}${entry.path}`);
            await page.waitForFunction((title) => document.title === title, `${'title' in entry ? entry.title : entry.heading} · scopegate`);
          }
          // GraphiQL is a page of its own (not routed here), linked for admins only.
          expect(await page.locator('#console-nav a', { hasText: 'GraphiQL' }).evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(
            role === 'admin' ? ['/graphql'] : [],
          );
          expect(errors).toEqual([]);
        } finally {
          await page.context().close();
        }
        // Fourteen pages, each loaded twice and checked by axe: more than the default 30 s on a busy machine.
      }, 90_000);
    });
  }
  describe(`dialogs with an address at ${width} px`, () => {
    it('opens each from a pasted link, fitting the screen with its primary button in view', async () => {
      const page = await newConsolePage(browser, base, { width, session: member.session });
      try {
        for (const dialog of DIALOGS) {
          await page.goto(`${base}${dialog.path}`);
          const open = page.getByRole('dialog', { name: dialog.title });
          await open.waitFor();
          // Measured once the dialog's queries have answered, as its content (and size) changes
          // with them: the deliveries' table replaces "Loading…", and the delete-project counts
          // arrive as its Delete button stops being busy.
          await page.getByText('Loading…').waitFor({ state: 'detached' });
          const primary = open.getByRole('button', { name: dialog.primary, disabled: false });
          await primary.waitFor();
          const box = (await primary.boundingBox())!;
          const frame = (await open.boundingBox())!;
          const viewport = page.viewportSize()!;
          expect(box.y + box.height, `${dialog.name}: primary button below the screen`).toBeLessThanOrEqual(viewport.height);
          expect(frame.x).toBeGreaterThanOrEqual(0);
          expect(frame.x + frame.width).toBeLessThanOrEqual(viewport.width);
          // A long title or a wide table must not make the dialog itself scroll sideways.
          expect(await open.evaluate((d) => d.scrollWidth - d.clientWidth), `${dialog.name}: the dialog scrolls sideways`).toBeLessThanOrEqual(0);
          await checkView(page, `dialog-${dialog.name}-${width}`);
        }
      } finally {
        await page.context().close();
      }
    });
  });
}

describe('the sign-in page', () => {
  for (const width of [1280, 375]) {
    it(`points a first sign-in to the admin password in the server log, at ${width} px`, async () => {
      const page = await newConsolePage(browser, base, { width });
      try {
        await page.goto(`${base}/console/devices`);
        await page.getByRole('button', { name: 'Sign in' }).waitFor();
        expect(await page.getByRole('complementary', { name: 'First sign-in' }).textContent()).toMatch(/prints the e-mail and a one-time password in its log/);
        await checkView(page, `sign-in-${width}`);
      } finally {
        await page.context().close();
      }
    });
  }
});

describe('on a narrow screen', () => {
  it('hides the navigation behind Menu and folds row actions into one button per row', async () => {
    const page = await newConsolePage(browser, base, { width: 375, session: member.session });
    try {
      await page.goto(`${base}/console/devices`);
      const nav = page.getByRole('navigation', { name: 'Console' });
      const menu = page.getByRole('button', { name: 'Menu' });
      // The navigation comes with the Menu button, once the session is known: not there yet, it
      // would not be visible either.
      await menu.waitFor();
      expect(await nav.isVisible()).toBe(false);
      await menu.click();
      await nav.getByRole('link', { name: 'Members' }).click();
      await page.getByRole('heading', { name: 'Members of Greenhouse' }).waitFor();
      // The new page renders at once; the menu closes and focus moves in an effect after it.
      await nav.waitFor({ state: 'hidden' });
      // The link used is gone with the menu: the keyboard lands on the new page.
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.goBack();
      await page.getByRole('heading', { name: 'Devices of Greenhouse' }).waitFor();
      const row = page.locator('tr', { hasText: 'soil-probe-2' });
      // The rows come after the heading: wait for this one's menu button before looking inside.
      await row.getByRole('button', { name: 'Actions for soil-probe-2' }).waitFor();
      expect(await row.getByRole('button', { name: 'Delete soil-probe-2' }).isVisible()).toBe(false);
      await row.getByRole('button', { name: 'Actions for soil-probe-2' }).click();
      await row.getByRole('button', { name: 'Delete soil-probe-2' }).click();
      await page.getByRole('dialog', { name: 'Delete soil-probe-2' }).waitFor();
      expect(page.url()).toContain('dialog=delete');
      await screenshot(page, 'console', 'row-menu-dialog-375');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      expect(page.url()).not.toContain('dialog=');
      // Back closes a dialog too, and Forward opens it again.
      await row.getByRole('button', { name: 'Actions for soil-probe-2' }).click();
      await row.getByRole('button', { name: 'Delete soil-probe-2' }).click();
      await page.getByRole('dialog', { name: 'Delete soil-probe-2' }).waitFor();
      await page.goBack();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.goForward();
      await page.getByRole('dialog', { name: 'Delete soil-probe-2' }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});
