/**
 * The console's trust policies and enrollment tokens pages, used as a person would in a real
 * Chromium against a real gateway: create, edit and delete a policy; create an enrollment token
 * whose secret, shown once, really enrolls a device; watch its uses run out; revoke one.
 */
import { describe, expect, it } from 'vitest';
import { consoleUnderTest, newConsolePage, screenshot } from '../helpers/browser.js';
import { execute } from '../helpers/execute.js';
import { addMember, createProject, createUser } from '../helpers/factories.js';

const { prisma, base, browser, url } = await consoleUnderTest();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (query: string, variables: Record<string, unknown>, credential: { session: string } | { token: string }) => execute<any, unknown>(url, query, variables, credential);
const Policies = 'query($p: ID) { trustPolicies(projectId: $p) { nodes { name claims audience maxLifetimeSeconds apiMethods grants { entity action projectId deviceId } } } }';
const Enroll = 'mutation($name: String!) { enrollDevice(name: $name) { deviceId name } }';

async function world() {
  const owner = await createUser(prisma);
  const editor = await createUser(prisma);
  const viewer = await createUser(prisma);
  const project = await createProject(prisma, owner.id, 'Greenhouse');
  await addMember(prisma, project.id, editor.id, 'EDITOR');
  await addMember(prisma, project.id, viewer.id, 'VIEWER');
  return { owner, editor, viewer, project };
}

describe('the trust policies page', () => {
  it('an owner creates, edits and deletes a policy; what the form says is what the API holds', async () => {
    const w = await world();
    const page = await newConsolePage(browser, base, { width: 1280, session: w.owner.session });
    try {
      await page.goto(`${base}/console/trust-policies`);
      await page.getByRole('button', { name: 'New trust policy' }).click();
      const form = page.getByRole('dialog', { name: 'New trust policy' });
      await form.getByLabel('Name').fill('release');
      await form.getByLabel('Audience').fill('https://scopegate.example.test');
      await form.getByLabel('Claims to match (JSON)').fill('{"repository": "acme/firmware", "ref": "refs/heads/release/**"}');
      await form.getByRole('button', { name: 'Create trust policy' }).click();
      await form.getByRole('alert').getByText('Add at least one permission row.').waitFor();
      await form.getByLabel('Action').selectOption('WRITE');
      await form.getByRole('button', { name: 'Add permission' }).click();
      await form.getByRole('button', { name: 'Create trust policy' }).click();
      await page.getByRole('status').getByText('Created release.').waitFor();
      expect(page.url()).not.toContain('dialog=');
      await page.getByRole('row', { name: /release/ }).getByText('repository = acme/firmware').waitFor();
      expect((await gql(Policies, { p: w.project.id }, { session: w.owner.session })).expectData().trustPolicies.nodes).toEqual([
        {
          name: 'release',
          claims: { repository: 'acme/firmware', ref: 'refs/heads/release/**' },
          audience: 'https://scopegate.example.test',
          maxLifetimeSeconds: 900,
          apiMethods: null,
          grants: [{ entity: 'DEVICE', action: 'WRITE', projectId: w.project.id, deviceId: null }],
        },
      ]);

      await page.getByRole('button', { name: 'Edit release' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit release' });
      expect(await edit.getByLabel('Audience').inputValue()).toBe('https://scopegate.example.test');
      await edit.getByLabel('Longest token life (seconds)').fill('600');
      await edit.getByRole('button', { name: 'Save trust policy' }).click();
      await page.getByRole('status').getByText('Saved release.').waitFor();
      await page.getByRole('row', { name: /release/ }).getByText('10 min').waitFor();
      const saved = (await gql(Policies, { p: w.project.id }, { session: w.owner.session })).expectData().trustPolicies.nodes;
      expect(saved).toMatchObject([{ maxLifetimeSeconds: 600, claims: { repository: 'acme/firmware', ref: 'refs/heads/release/**' }, grants: [{ entity: 'DEVICE', action: 'WRITE' }] }]);
      await screenshot(page, 'federation-pages', 'trust-policy-saved-1280');

      await page.getByRole('button', { name: 'Delete release' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete release' });
      await confirm.getByText('stops working at once').waitFor();
      await confirm.getByRole('button', { name: 'Delete trust policy' }).click();
      await page.getByRole('status').getByText('Deleted release.').waitFor();
      await page.getByText('No trust policies.').waitFor();
      expect((await gql(Policies, { p: w.project.id }, { session: w.owner.session })).expectData().trustPolicies.nodes).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('an editor, who may not manage policies, is offered none', async () => {
    const w = await world();
    const page = await newConsolePage(browser, base, { width: 375, session: w.editor.session });
    try {
      await page.goto(`${base}/console/trust-policies`);
      await page.getByText('Owners of a project create its trust policies.').waitFor();
      expect(await page.getByRole('button', { name: 'New trust policy' }).count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});

describe('the enrollment tokens page', () => {
  it('an editor creates a token whose one-time secret enrolls exactly maxUses devices, and revokes another', async () => {
    const w = await world();
    const page = await newConsolePage(browser, base, { width: 375, session: w.editor.session });
    const create = async (name: string, uses: string) => {
      await page.getByRole('button', { name: 'New enrollment token' }).click();
      const form = page.getByRole('dialog', { name: 'New enrollment token' });
      await form.getByLabel('Name').fill(name);
      await form.getByLabel('Devices it may enroll').fill(uses);
      await form.getByRole('button', { name: 'Create enrollment token' }).click();
      const shown = page.getByRole('dialog', { name: `Secret of ${name}` });
      const secret = await shown.getByLabel('Token secret').inputValue();
      await shown.getByRole('button', { name: 'I have stored it' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      return secret;
    };
    try {
      await page.goto(`${base}/console/enrollment-tokens`);
      await page.getByText('Greenhouse has no enrollment tokens.').waitFor();
      const once = await create('line-2', '1');
      expect(once.length).toBeGreaterThan(20);
      const row = page.locator('tr', { hasText: 'line-2' });
      await row.locator('td[data-label="Uses left"]', { hasText: '1 of 1' }).waitFor();

      expect((await gql(Enroll, { name: 'probe-1' }, { token: once })).expectData().enrollDevice.name).toBe('probe-1');
      (await gql(Enroll, { name: 'probe-2' }, { token: once })).expectError('UNAUTHENTICATED');
      await page.reload();
      expect(await row.locator('td[data-label="Status"]').textContent()).toBe('Used up');
      expect(await row.locator('td[data-label="Uses left"]').textContent()).toBe('0 of 1');
      // Shown once: after a reload the secret is nowhere on the page.
      expect(await page.content()).not.toContain(once);

      const many = await create('line-3', '5');
      const other = page.locator('tr', { hasText: 'line-3' });
      await other.getByRole('button', { name: 'Actions for line-3' }).click();
      await other.getByRole('button', { name: 'Revoke line-3' }).click();
      const confirm = page.getByRole('dialog', { name: 'Revoke line-3' });
      await confirm.getByRole('button', { name: 'Revoke enrollment token' }).click();
      await page.getByRole('status').getByText('Revoked line-3.').waitFor();
      // The list is fetched again after the notice: wait for the row to say so.
      await other.locator('td[data-label="Status"]', { hasText: 'Revoked' }).waitFor();
      expect(await other.getByRole('button', { name: 'Actions for line-3' }).count()).toBe(0);
      (await gql(Enroll, { name: 'probe-3' }, { token: many })).expectError('UNAUTHENTICATED');
      await screenshot(page, 'federation-pages', 'enrollment-tokens-375');
      // The device enrolled before keeps its place.
      expect(await prisma.device.count({ where: { projectId: w.project.id } })).toBe(1);
    } finally {
      await page.context().close();
    }
  });

  it('a viewer is told who manages them, and the page asks the API for nothing it would refuse', async () => {
    const w = await world();
    const page = await newConsolePage(browser, base, { width: 1280, session: w.viewer.session });
    const asked: string[] = [];
    page.on('request', (sent) => sent.url().endsWith('/graphql') && asked.push(sent.postData() ?? ''));
    try {
      await page.goto(`${base}/console/enrollment-tokens`);
      await page.getByText('Owners and editors of Greenhouse manage its enrollment tokens.').waitFor();
      expect(await page.getByRole('button', { name: 'New enrollment token' }).count()).toBe(0);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.filter((body) => body.includes('enrollmentTokens'))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
