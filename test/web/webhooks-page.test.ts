/**
 * The Webhooks page in a real Chromium against a real gateway, with a real HTTP receiver: a hook
 * made in the browser shows its signing secret once, a token revoked through the API is delivered
 * (the dispatcher's tick, not a timer) and verifies with that secret, the delivery is listed with
 * its response code, and a redelivery is sent with the same webhook-id. Then edit, disable and
 * delete; and who sees what.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookDispatcher } from '../../src/webhooks/dispatcher.js';
import { graphql } from '../gql/index.js';
import { axeViolations, consoleUnderTest, horizontalOverflow, newConsolePage, screenshot } from '../helpers/browser.js';
import { execute } from '../helpers/execute.js';
import { addMember, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startReceiver } from '../helpers/receiver.js';

// A database of its own, as the dispatcher sends whatever is due in it; the receiver listens on
// loopback, which only SCOPEGATE_WEBHOOK_ALLOW_PRIVATE lets a hook name.
const { gateway, prisma, base, browser } = await consoleUnderTest({ isolated: true, env: { SCOPEGATE_WEBHOOK_ALLOW_PRIVATE: '1' } });
const receiver = await startReceiver((_request, _n, response) => response.writeHead(202).end());
const dispatcher = new WebhookDispatcher(prisma, { keySecret: TEST_KEY_SECRET, timeoutMs: 5_000, allowPrivate: true });

const admin = await createUser(prisma, { email: 'ada@example.test', name: 'Ada', role: 'ADMIN' });
const owner = await createUser(prisma, { email: 'olga@example.test', name: 'Olga' });
const viewer = await createUser(prisma, { email: 'vic@example.test', name: 'Vic' });
const project = await createProject(prisma, owner.id, 'Orchard');
await addMember(prisma, project.id, viewer.id, 'VIEWER');

const Revoke = graphql(`mutation WpRevoke($id: ID!) { revokeToken(id: $id, reason: "left the team") { status } }`);

const projectToken = (name: string) =>
  createToken(prisma, { kind: 'PROJECT', createdById: owner.id, projectId: project.id, name, grants: [grant('DEVICE', 'READ', { projectId: project.id })] });

describe('the Webhooks page', () => {
  it('makes a hook, shows its secret once, lists a signed delivery with its response code, and redelivers it', async () => {
    const page = await newConsolePage(browser, base, { width: 1280, session: owner.session });
    const hookUrl = `${receiver.url}?team=orchard`;
    try {
      await page.goto(`${base}/console/webhooks`);
      await page.getByText('No webhooks yet.').waitFor();
      await page.getByRole('button', { name: 'New webhook' }).click();
      const form = page.getByRole('dialog', { name: 'New webhook' });
      await form.getByLabel('URL').fill(hookUrl);
      expect(await form.getByLabel('Tokens it hears').locator('option').allTextContents()).toEqual(['Project Orchard']);
      expect(await form.getByLabel('Revoked').isChecked()).toBe(true);
      await form.getByLabel('Created').check();
      await form.getByRole('button', { name: 'Create webhook' }).click();

      const shown = page.getByRole('dialog', { name: `Signing secret for ${hookUrl}` });
      const secret = await shown.getByLabel('Signing secret').inputValue();
      expect(secret).toMatch(/^whsec_/);
      expect(page.url()).not.toContain(secret);
      await screenshot(page, 'console', 'webhook-secret-1280');
      await shown.getByRole('button', { name: 'I have stored it' }).click();
      await page.getByRole('status').getByText(`Created the hook to ${hookUrl}.`).waitFor();
      // Once: a reload lists the hook, and no secret anywhere.
      await page.reload();
      const row = page.locator('tbody tr', { hasText: hookUrl });
      await row.waitFor();
      expect(await row.textContent()).toContain('Orchard');
      expect(await page.content()).not.toContain(secret);

      const token = await projectToken('orchard-sync');
      (await execute(gateway, Revoke, { id: token.id }, { session: owner.session })).expectData();
      const sent = await dispatcher.tick();
      expect(sent.map((r) => [r.outcome, r.responseStatus])).toEqual([['DELIVERED', 202]]);
      expect(receiver.received).toHaveLength(1);
      const first = receiver.received[0]!;
      // The secret the browser showed is the one the delivery is signed with.
      expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ type: 'token.revoked' });

      await row.getByRole('button', { name: `Deliveries of ${hookUrl}` }).click();
      const deliveries = page.getByRole('dialog', { name: `Deliveries to ${hookUrl}` });
      const delivered = deliveries.locator('tbody tr');
      await expect.poll(() => delivered.count()).toBe(1);
      expect(await delivered.locator('td[data-label="Status"]').textContent()).toBe('Delivered');
      expect(await delivered.locator('td[data-label="Response"]').textContent()).toBe('202');
      expect(await delivered.locator('td[data-label="Attempts"]').textContent()).toBe('1');
      expect(await delivered.locator('th').textContent()).toBe('Revoked');
      await screenshot(page, 'console', 'webhook-deliveries-1280');

      await deliveries.getByRole('button', { name: /^Redeliver the revoked delivery/ }).click();
      await deliveries.getByRole('status').getByText('Queued again').waitFor();
      await expect.poll(() => deliveries.locator('tbody tr').count()).toBe(2);
      expect(await deliveries.locator('tbody tr').first().locator('td[data-label="Status"]').textContent()).toMatch(/^Pending/);
      expect((await dispatcher.tick()).map((r) => r.responseStatus)).toEqual([202]);
      expect(receiver.received).toHaveLength(2);
      expect(receiver.received[1]!.headers['webhook-id']).toBe(first.headers['webhook-id']);
      await deliveries.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => deliveries.locator('td[data-label="Status"]').allTextContents()).toEqual(['Delivered', 'Delivered']);
      await deliveries.locator('.actions').getByRole('button', { name: 'Close' }).click();
      await deliveries.waitFor({ state: 'detached' });

      // Edit the events, switch it off and on, and delete it after a confirmation.
      await row.getByRole('button', { name: `Edit ${hookUrl}` }).click();
      const edit = page.getByRole('dialog', { name: `Edit the hook to ${hookUrl}` });
      await edit.getByLabel('Created').uncheck();
      await edit.getByLabel('Expired').uncheck();
      await edit.getByRole('button', { name: 'Save webhook' }).click();
      await page.getByRole('status').getByText(`Saved the hook to ${hookUrl}.`).waitFor();
      const [hook] = await prisma.webhook.findMany({ where: { projectId: project.id } });
      expect(hook!.events.sort()).toEqual(['TOKEN_EXPIRING', 'TOKEN_REVOKED']);
      await row.getByRole('button', { name: `Disable ${hookUrl}` }).click();
      await row.getByText('Disabled').waitFor();
      // Polled: in two full-suite runs of five the row said Disabled while a read at once still
      // found the hook enabled (never alone, never reproduced); a write that came back later
      // would still fail here.
      await expect.poll(async () => (await prisma.webhook.findUniqueOrThrow({ where: { id: hook!.id } })).enabled, { timeout: 5_000, interval: 50 }).toBe(false);
      await row.getByRole('button', { name: `Enable ${hookUrl}` }).click();
      await row.getByText('Enabled').waitFor();
      await row.getByRole('button', { name: `Delete ${hookUrl}` }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete webhook' });
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      expect(await prisma.webhook.count({ where: { id: hook!.id } })).toBe(1);
      await row.getByRole('button', { name: `Delete ${hookUrl}` }).click();
      await confirm.getByRole('button', { name: 'Delete webhook' }).click();
      await page.getByText('No webhooks yet.').waitFor();
      expect(await prisma.webhook.count({ where: { id: hook!.id } })).toBe(0);
      expect(await prisma.webhookDelivery.count({ where: { webhookId: hook!.id } })).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('offers admins instance-wide hooks, on a phone too; a project viewer manages none', async () => {
    const page = await newConsolePage(browser, base, { width: 375, session: admin.session });
    const hookUrl = `${receiver.url}/everything`;
    try {
      await page.goto(`${base}/console/webhooks?dialog=new`);
      const form = page.getByRole('dialog', { name: 'New webhook' });
      await form.getByLabel('URL').fill(hookUrl);
      expect(await form.getByLabel('Tokens it hears').inputValue()).toBe('');
      await form.getByRole('button', { name: 'Create webhook' }).click();
      await page.getByRole('dialog', { name: `Signing secret for ${hookUrl}` }).getByRole('button', { name: 'I have stored it' }).click();
      const row = page.locator('tbody tr', { hasText: hookUrl });
      expect(await row.locator('td[data-label="Tokens"]').textContent()).toBe('Every token');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await row.getByRole('button', { name: `Actions for ${hookUrl}` }).click();
      await row.getByRole('button', { name: `Deliveries of ${hookUrl}` }).click();
      const deliveries = page.getByRole('dialog', { name: `Deliveries to ${hookUrl}` });
      await deliveries.getByText('Nothing sent yet.').waitFor();
      expect(page.url()).toContain('dialog=deliveries');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'console', 'webhook-deliveries-empty-375');
    } finally {
      await page.context().close();
    }

    const member = await newConsolePage(browser, base, { width: 1280, session: viewer.session });
    try {
      await member.goto(`${base}/console/webhooks`);
      await member.getByText('Project owners and admins add webhooks for the tokens they manage.').waitFor();
      expect(await member.getByRole('button', { name: 'New webhook' }).count()).toBe(0);
    } finally {
      await member.context().close();
    }
  });
});
