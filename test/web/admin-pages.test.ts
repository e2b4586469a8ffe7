/**
 * The console's pages around tokens, used as a person would in a real Chromium against a real
 * gateway: users, your account, projects, members, devices, the token policy and the audit log;
 * and the addresses: reload, Back, pasted links, refusals, and the way to GraphiQL and back.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { consoleUnderTest, newConsolePage, screenshot } from '../helpers/browser.js';
import { addMember, createDevice, createProject, createToken, createUser, grant, PASSWORD } from '../helpers/factories.js';
import { execute } from '../helpers/execute.js';

// A database of its own: the token policy and the audit log are global.
const { prisma, base, browser, url } = await consoleUnderTest({ isolated: true });

const admin = await createUser(prisma, { email: 'ada@example.test', name: 'Ada', role: 'ADMIN' });
const owner = await createUser(prisma, { email: 'olga@example.test', name: 'Olga' });
const colleague = await createUser(prisma, { email: 'carl@example.test', name: 'Carl' });
const shared = await createProject(prisma, owner.id, 'Shared');
await addMember(prisma, shared.id, colleague.id, 'VIEWER');

const open = (session: string, width = 1280) => newConsolePage(browser, base, { width, session });

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the console’s addresses on the server', () => {
  it('serves the console for / and every /console/ address, and leaves every other route alone', async () => {
    const page = await (await fetch(`${base}/`)).text();
    for (const address of ['/console', '/console/users', '/console/devices?project=x&dialog=new', '/console/no/such/page']) {
      const response = await fetch(`${base}${address}`);
      expect(response.status, address).toBe(200);
      expect(response.headers.get('content-security-policy'), address).toContain("script-src 'self'");
      expect(await response.text(), address).toBe(page);
    }
    expect((await fetch(`${base}/livez`)).headers.get('content-type')).not.toContain('text/html');
    expect((await fetch(`${base}/.well-known/jwks.json`)).headers.get('content-type')).toContain('json');
    expect(await (await fetch(`${base}/consolex`)).text()).not.toBe(page);
    expect(await (await fetch(`${base}/auth/token`)).text()).not.toBe(page);
    // A browser asking /graphql for HTML gets GraphiQL's refusal, never the console.
    const graphiql = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(403);
    expect(await graphiql.text()).toContain('GraphiQL is available to admin sessions only.');
  });

  it("GraphiQL's refusals link to the console's sign-in, which returns there", async () => {
    const refused = await fetch(`${base}/graphql`, { headers: { accept: 'text/html', cookie: `scopegate_session=${owner.session}` } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<a href="/console/sign-in?next=%2Fgraphql">Sign in as an admin</a>');

    const page = await newConsolePage(browser, base, { width: 1280 });
    try {
      await page.goto(`${base}/graphql`);
      await page.getByRole('link', { name: 'Sign in as an admin' }).click();
      await page.getByText('Sign in as an admin to open GraphiQL').waitFor();
      await screenshot(page, 'console', 'sign-in-for-graphiql-1280');
      // Listened for before signing in: Playwright reports responses only from when a listener
      // asks for them, and the sign-in goes on to GraphiQL by itself.
      const [landed] = await Promise.all([
        page.waitForResponse((r) => r.url() === `${base}/graphql` && r.request().resourceType() === 'document'),
        signInThroughForm(page, admin.email, PASSWORD),
      ]);
      expect(landed.status()).toBe(200);
    } finally {
      await page.context().close();
    }
    // Someone signed in who is not an admin is told so, not sent round in circles.
    const member = await open(owner.session);
    try {
      await member.goto(`${base}/console/sign-in?next=%2Fgraphql`);
      await member.getByRole('heading', { name: 'GraphiQL needs an admin' }).waitFor();
      // A next= elsewhere is ignored: no open redirect.
      await member.goto(`${base}/console/sign-in?next=https%3A%2F%2Fevil.example%2F`);
      await member.getByRole('heading', { name: 'Your tokens' }).waitFor();
      expect(member.url()).toBe(`${base}/console/tokens`);
    } finally {
      await member.context().close();
    }
  });
});

describe('addresses in the browser', () => {
  it('lands a pasted link after sign-in on the same view; Back and reload keep it; refusals say why', async () => {
    const page = await newConsolePage(browser, base, { width: 1280 });
    try {
      await page.goto(`${base}/console/members?project=${shared.id}`);
      await signInThroughForm(page, owner.email, PASSWORD);
      await page.getByRole('heading', { name: 'Members of Shared' }).waitFor();
      expect(page.url()).toBe(`${base}/console/members?project=${shared.id}`);
      await page.getByRole('link', { name: 'Devices' }).click();
      await page.getByRole('heading', { name: 'Devices of Shared' }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { name: 'Members of Shared' }).waitFor();
      await page.goForward();
      await page.getByRole('heading', { name: 'Devices of Shared' }).waitFor();
      await page.goto(`${base}/console/users`);
      await page.getByRole('alert').getByText('This page is for admins only').waitFor();
      await page.goto(`${base}/console/nope`);
      await page.getByRole('heading', { name: 'No such page' }).waitFor();
      await page.goto(`${base}/console/devices?project=00000000-0000-4000-8000-000000000000`);
      await page.getByRole('alert').getByText('The linked project does not exist, or you are not one of its members').waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('tells a newcomer with nothing yet what to do next', async () => {
    const newcomer = await createUser(prisma, { email: 'nina@example.test' });
    const page = await open(newcomer.session, 375);
    try {
      await page.goto(`${base}/console/tokens`);
      await page.getByText('You have no active tokens.').waitFor();
      expect(await page.locator('.empty').textContent()).toContain('Choose “New token” above');
      await page.goto(`${base}/console/devices`);
      await page.getByRole('link', { name: 'Create a project' }).click();
      await page.getByRole('dialog', { name: 'New project' }).waitFor();
      expect(page.url()).toBe(`${base}/console/projects?dialog=new`);
      await screenshot(page, 'console', 'empty-newcomer-375');
    } finally {
      await page.context().close();
    }
  });
});

describe('users (admins)', () => {
  it('creates a user, finds them, resets their password once, and they choose their own', async () => {
    const page = await open(admin.session);
    try {
      await page.goto(`${base}/console/users`);
      await page.getByRole('button', { name: 'New user' }).click();
      const dialog = page.getByRole('dialog', { name: 'New user' });
      expect(page.url()).toBe(`${base}/console/users?dialog=new`);
      await dialog.getByLabel('E-mail').fill('pia@example.test');
      await dialog.getByLabel('Name (optional)').fill('Pia');
      await dialog.getByLabel('Initial password').fill('a long initial password');
      await dialog.getByRole('button', { name: 'Create user' }).click();
      await page.getByRole('status').getByText('Created pia@example.test.').waitFor();
      await page.getByLabel('Search e-mail or name').fill('pia');
      await page.waitForURL(`${base}/console/users?q=pia`);
      await page.reload();
      await page.locator('tbody th').first().waitFor();
      expect(await page.locator('tbody th').allTextContents()).toEqual(['pia@example.test']);

      await page.getByRole('button', { name: 'Reset password of pia@example.test' }).click();
      await page.getByRole('dialog', { name: 'Reset password of pia@example.test' }).getByRole('button', { name: 'Reset password' }).click();
      const once = page.getByRole('dialog', { name: 'One-time password for pia@example.test' });
      const temporary = await once.getByLabel('One-time password').inputValue();
      expect(temporary.length).toBeGreaterThanOrEqual(12);
      expect(page.url()).not.toContain(temporary);
      await screenshot(page, 'console', 'users-one-time-password-1280');
      await once.getByRole('button', { name: 'I have passed it on' }).click();
      expect(await page.content()).not.toContain(temporary);
      await page.getByRole('cell', { name: 'one-time, not yet changed' }).waitFor();

      const pia = await newConsolePage(browser, base, { width: 375 });
      try {
        await pia.goto(`${base}/console/tokens`);
        await signInThroughForm(pia, 'pia@example.test', temporary);
        await pia.getByRole('link', { name: 'Choose your own password' }).click();
        await pia.getByLabel('One-time password').fill(temporary);
        await pia.getByLabel('New password', { exact: true }).fill('pia chose this herself');
        await pia.getByLabel('New password again').fill('pia chose this herself');
        await pia.getByRole('button', { name: 'Change password' }).click();
        await pia.getByRole('status').getByText('Password changed.').waitFor();
        expect(await pia.getByText('You signed in with a one-time password').count()).toBe(0);
      } finally {
        await pia.context().close();
      }

      await page.getByRole('button', { name: 'Delete pia@example.test' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete pia@example.test' });
      expect(await confirm.textContent()).toContain('revokes every token pia@example.test owns');
      await confirm.getByRole('button', { name: 'Delete user' }).click();
      await page.getByRole('status').getByText('Deleted pia@example.test.').waitFor();
      expect(await prisma.user.count({ where: { email: 'pia@example.test' } })).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('searches users on the server, twenty at a time, then the rest with Load more', async () => {
    for (let i = 0; i < 21; i++) await createUser(prisma, { email: `bulk-${String(i).padStart(2, '0')}@example.test` });
    const page = await open(admin.session);
    try {
      await page.goto(`${base}/console/users?q=BULK-`);
      const more = page.getByRole('button', { name: 'Load more users (20 of 21 shown)' });
      await more.waitFor();
      expect(await page.getByRole('status').textContent()).toBe('21 users matching “BULK-”.');
      expect(await page.locator('tbody tr').count()).toBe(20);
      await more.click();
      await page.getByRole('rowheader', { name: 'bulk-20@example.test' }).waitFor();
      expect(await page.locator('tbody tr').count()).toBe(21);
      expect(await page.getByRole('button', { name: /Load more/ }).count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});

describe('lists the API pages', () => {
  it('shows twenty of your tokens, then the rest with Load more', async () => {
    const owner = await createUser(prisma, { email: 'many-tokens@example.test' });
    for (let i = 0; i < 21; i++) await createToken(prisma, { createdById: owner.id, name: `bulk-token-${String(i).padStart(2, '0')}`, grants: [grant('PROJECT', 'READ')] });
    const page = await open(owner.session);
    try {
      await page.goto(`${base}/console/tokens`);
      const more = page.getByRole('button', { name: 'Load more (20 of 21 shown)' });
      await more.waitFor();
      expect(await page.locator('tbody tr').count()).toBe(20);
      await more.click();
      await page.getByRole('cell', { name: 'bulk-token-00' }).or(page.getByText('bulk-token-00')).first().waitFor();
      expect(await page.locator('tbody tr').count()).toBe(21);
      expect(await page.getByRole('button', { name: /Load more/ }).count()).toBe(0);
    } finally {
      await page.context().close();
    }
  });
});

/** Holds every GraphQL request of `page` whose body names `id` until the returned function is called. */
async function holdRequestsNaming(page: Page, id: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${base}/graphql`, async (route) => {
    if (route.request().postData()?.includes(id)) await released;
    await route.continue();
  });
  return release;
}

describe('projects, members and devices', () => {
  it('creates and renames a project, manages its members, and deletes it saying what goes with it', async () => {
    const page = await open(owner.session);
    try {
      await page.goto(`${base}/console/projects?dialog=new`);
      await page.getByLabel('Project name').fill('Orchard');
      await page.getByRole('button', { name: 'Create project' }).click();
      await page.getByRole('status').getByText('Created Orchard. You are its owner.').waitFor();
      await page.getByRole('button', { name: 'Rename Orchard' }).click();
      await page.getByLabel('New name').fill('Old orchard');
      await page.getByRole('button', { name: 'Rename', exact: true }).click();
      await page.getByRole('row', { name: /Old orchard/ }).getByRole('link', { name: '1 member' }).click();
      await page.getByRole('heading', { name: 'Members of Old orchard' }).waitFor();
      // The last owner can be neither removed nor demoted, and the page says why. The heading comes
      // with the project, the rows with the members query after it: counted before they arrive,
      // the buttons would be none whatever the page does.
      const me = page.getByRole('row', { name: /olga@example.test/ });
      await me.getByText('The last owner: make someone else owner').waitFor();
      expect(await me.getByRole('button').count()).toBe(0);

      await page.getByLabel('E-mail').fill('nobody@example.test');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('alert').getByText('Ask an admin to add them').waitFor();
      await page.getByLabel('E-mail').fill(colleague.email);
      await page.getByLabel('Role', { exact: true }).selectOption('EDITOR');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('status').getByText(`Added ${colleague.email} as editor.`).waitFor();
      await page.getByLabel(`Role of ${colleague.email}`).selectOption('OWNER');
      await page.getByRole('status').getByText(`${colleague.email} is now owner of Old orchard.`).waitFor();
      // Two owners now: either may go.
      await page.getByRole('button', { name: `Remove ${colleague.email}` }).click();
      await page.getByRole('dialog', { name: `Remove ${colleague.email}` }).getByRole('button', { name: 'Remove member' }).click();
      await page.getByRole('status').getByText(`Removed ${colleague.email} from Old orchard.`).waitFor();
      // The table is refetched after the status is shown: the row goes once the list has arrived.
      await page.getByRole('row', { name: colleague.email }).waitFor({ state: 'detached' });
      await screenshot(page, 'console', 'members-after-changes-1280');

      const orchard = await prisma.project.findFirstOrThrow({ where: { name: 'Old orchard' } });
      await createDevice(prisma, orchard.id, 'pump');
      await createDevice(prisma, orchard.id, 'valve');
      await createToken(prisma, { kind: 'PROJECT', createdById: owner.id, projectId: orchard.id, name: 'orchard-feed', grants: [grant('DEVICE', 'READ', { projectId: orchard.id })] });
      await page.goto(`${base}/console/projects?dialog=delete&target=${orchard.id}`);
      const confirm = page.getByRole('dialog', { name: 'Delete Old orchard' });
      // The counts come from two queries; wait for both before reading the dialog.
      await confirm.getByText('2 devices').waitFor();
      await confirm.getByText('revokes 1 active project token').waitFor();
      const text = await confirm.textContent();
      expect(text).toContain('1 membership');
      expect(text).toContain('revokes 1 active project token');
      await screenshot(page, 'console', 'delete-project-1280');
      await confirm.getByRole('button', { name: 'Delete project' }).click();
      await page.getByRole('status').getByText('Deleted Old orchard.').waitFor();
      expect(await prisma.project.count({ where: { id: orchard.id } })).toBe(0);
      expect((await prisma.accessToken.findFirstOrThrow({ where: { name: 'orchard-feed' } })).revokedAt).not.toBeNull();
    } finally {
      await page.context().close();
    }
  });

  it('adds a colleague even when Add member is pressed before the colleagues have arrived', async () => {
    const lead = await createUser(prisma, { email: 'lena@example.test' });
    const mate = await createUser(prisma, { email: 'mats@example.test' });
    const greenhouse = await createProject(prisma, lead.id, 'Greenhouse');
    const seedbank = await createProject(prisma, lead.id, 'Seedbank');
    await addMember(prisma, seedbank.id, mate.id, 'VIEWER');
    const page = await open(lead.session);
    // Seedbank's members, among whom a non-admin finds the colleague, answer only once released:
    // as on a slow connection, where a quick person presses Add member before they are in.
    const release = await holdRequestsNaming(page, seedbank.id);
    try {
      await page.goto(`${base}/console/members?project=${greenhouse.id}`);
      await page.getByRole('row', { name: /lena@example\.test/ }).waitFor();
      await page.getByLabel('E-mail').fill(mate.email);
      await page.getByRole('button', { name: 'Add member' }).click();
      release();
      await page.getByRole('status').getByText(`Added ${mate.email} as viewer.`).waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      release();
      await page.context().close();
    }
  });

  it('tells an owner someone is already a member even before the member list has arrived', async () => {
    const lead = await createUser(prisma, { email: 'nora@example.test' });
    const mate = await createUser(prisma, { email: 'otto@example.test' });
    const nursery = await createProject(prisma, lead.id, 'Nursery');
    await addMember(prisma, nursery.id, mate.id, 'EDITOR');
    const page = await open(lead.session);
    // Every request naming Nursery (its member list above all) answers only once released.
    const release = await holdRequestsNaming(page, nursery.id);
    try {
      await page.goto(`${base}/console/members?project=${nursery.id}`);
      await page.getByRole('heading', { name: 'Members of Nursery' }).waitFor();
      // Added again as a viewer, Otto would be demoted: the API's add sets the role of a member.
      await page.getByLabel('E-mail').fill(mate.email);
      await page.getByRole('button', { name: 'Add member' }).click();
      release();
      await page.getByRole('alert').getByText(`${mate.email} is already a member`).waitFor();
      expect(await prisma.projectMember.findUniqueOrThrow({ where: { projectId_userId: { projectId: nursery.id, userId: mate.id } } })).toMatchObject({ role: 'EDITOR' });
    } finally {
      release();
      await page.context().close();
    }
  });

  it('an admin adds a member by e-mail, suggested from a server search as it is typed', async () => {
    // More users than the console ever loaded at once: the picker must search, not list them all.
    await prisma.user.createMany({ data: Array.from({ length: 150 }, (_, i) => ({ email: `picker-${String(i).padStart(3, '0')}@example.test`, passwordHash: 'x' })) });
    const project = await createProject(prisma, admin.id, 'Picker farm');
    const asked: string[] = [];
    const page = await open(admin.session);
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql')) asked.push(r.postData() ?? '');
    });
    try {
      await page.goto(`${base}/console/members?project=${project.id}`);
      await page.getByRole('heading', { name: 'Members of Picker farm' }).waitFor();
      await page.getByLabel('E-mail').fill('picker-14');
      // Ten suggestions at most, all matching what is typed.
      await expect.poll(() => page.locator('datalist option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).sort())).toEqual(
        Array.from({ length: 10 }, (_, i) => `picker-14${i}@example.test`),
      );
      expect(asked.some((body) => body.includes('ConsoleUsers('))).toBe(false);
      await page.getByLabel('E-mail').fill('nobody-at-all@example.test');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('alert').getByText('No user has the e-mail nobody-at-all@example.test. Create them on the Users page first.').waitFor();
      // The last of 150, in another case: found by the server, not among a first page.
      await page.getByLabel('E-mail').fill('PICKER-149@example.test');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.getByRole('status').getByText('Added picker-149@example.test as viewer.').waitFor();
      await page.getByRole('row', { name: /picker-149@example\.test/ }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('creates, edits and deletes devices with metadata; a viewer only reads them', async () => {
    const page = await open(owner.session, 375);
    try {
      await page.goto(`${base}/console/devices?project=${shared.id}`);
      await page.getByText('Shared has no devices yet.').waitFor();
      await page.getByRole('button', { name: 'New device' }).click();
      const dialog = page.getByRole('dialog', { name: 'New device' });
      await dialog.getByLabel('Device name').fill('weather-station');
      await dialog.getByLabel('Metadata (JSON, optional)').fill('{"roof": ');
      await dialog.getByRole('button', { name: 'Create device' }).click();
      await dialog.getByRole('alert').getByText('Metadata must be JSON').waitFor();
      await dialog.getByLabel('Metadata (JSON, optional)').fill('{"roof": "north"}');
      await dialog.getByRole('button', { name: 'Create device' }).click();
      await page.getByRole('status').getByText('Created weather-station.').waitFor();
      const row = page.locator('tr', { hasText: 'weather-station' });
      expect(await row.textContent()).toContain('{"roof":"north"}');
      expect(await row.textContent()).toContain('Unknown');
      await row.getByRole('button', { name: 'Actions for weather-station' }).click();
      await row.getByRole('button', { name: 'Edit weather-station' }).click();
      await page.getByLabel('Device name').fill('weather-station-2');
      await page.getByRole('button', { name: 'Save device' }).click();
      await page.getByRole('status').getByText('Saved weather-station-2.').waitFor();
      const device = await prisma.device.findFirstOrThrow({ where: { projectId: shared.id } });
      expect(device).toMatchObject({ name: 'weather-station-2', metadata: { roof: 'north' } });

      const viewer = await open(colleague.session);
      try {
        await viewer.goto(`${base}/console/devices?project=${shared.id}`);
        await viewer.locator('tr', { hasText: 'weather-station-2' }).waitFor();
        expect(await viewer.getByRole('button', { name: 'New device' }).count()).toBe(0);
        expect(await viewer.getByRole('button', { name: /weather-station-2/ }).count()).toBe(0);
      } finally {
        await viewer.context().close();
      }

      await page.getByRole('button', { name: 'Actions for weather-station-2' }).click();
      await page.getByRole('button', { name: 'Delete weather-station-2' }).click();
      await page.getByRole('dialog', { name: 'Delete weather-station-2' }).getByRole('button', { name: 'Delete device' }).click();
      await page.getByRole('status').getByText('Deleted weather-station-2.').waitFor();
      expect(await prisma.device.count({ where: { projectId: shared.id } })).toBe(0);
    } finally {
      await page.context().close();
    }
  });

  it('shows a long device list fifty at a time, the rest with Load more', async () => {
    // Through the API, as the console would: a project written behind the gateway's back stays
    // unknown to the owner's cached rights until they change.
    const created = await execute<{ createProject: { id: string } }, unknown>(url, 'mutation { createProject(name: "Big farm") { id } }', {}, { session: owner.session });
    const big = created.expectData().createProject;
    // Distinct creation times, so the API's order (oldest first) is the names' order: two creates
    // in the same millisecond would be ordered by their random ids.
    const start = Date.now() - 60_000;
    for (let i = 0; i < 55; i++) await prisma.device.create({ data: { projectId: big.id, name: `probe-${String(i).padStart(2, '0')}`, createdAt: new Date(start + i) } });
    const page = await open(owner.session);
    try {
      await page.goto(`${base}/console/devices?project=${big.id}`);
      const more = page.getByRole('button', { name: 'Load more devices (50 of 55 shown)' });
      await more.waitFor();
      expect(await page.locator('tbody tr').count()).toBe(50);
      expect(await page.locator('p.notice[role=status]').textContent()).toBe('55 devices.');
      await more.click();
      // The button reads "Loading…" while the page is on its way: wait for the rows themselves.
      await page.locator('tbody th', { hasText: 'probe-54' }).waitFor();
      expect(await page.getByRole('button', { name: /Load more/ }).count()).toBe(0);
      expect(await page.locator('tbody th').allTextContents()).toEqual(Array.from({ length: 55 }, (_, i) => `probe-${String(i).padStart(2, '0')}`));
    } finally {
      await page.context().close();
    }
  });
});

describe('token policy and audit log (admins)', () => {
  it('saves the policy, which the token form then follows', async () => {
    const page = await open(admin.session);
    try {
      await page.goto(`${base}/console/token-policy`);
      await page.getByLabel('Maximum lifetime (days)').fill('60');
      await page.getByLabel('Every token must have an expiry date').check();
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      await page.getByRole('link', { name: 'Your tokens' }).click();
      await page.getByRole('button', { name: 'New token' }).click();
      await page.getByRole('dialog', { name: 'New token' }).getByText('The token policy allows up to 60 days.').waitFor();
      expect(await prisma.tokenPolicy.findFirst()).toMatchObject({ maxLifetimeDays: 60, requireExpiry: true });
    } finally {
      await page.context().close();
      await prisma.tokenPolicy.updateMany({ data: { maxLifetimeDays: null, requireExpiry: false } });
    }
  });

  it('saves expiry notice days, revoking unused tokens and the request and cost budgets', async () => {
    const page = await open(admin.session);
    try {
      await page.goto(`${base}/console/token-policy`);
      expect(await page.getByLabel('Expiry notices (days before expiry)').inputValue()).toBe('30, 7, 0');
      await page.getByLabel('Expiry notices (days before expiry)').fill('in a week');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByRole('alert').getByText('Expiry notices: whole numbers of days').waitFor();
      expect((await prisma.tokenPolicy.findFirst())?.expiryNoticeDays ?? [30, 7, 0]).toEqual([30, 7, 0]);

      await page.getByLabel('Expiry notices (days before expiry)').fill('60, 14 0');
      await page.getByLabel('Revoke tokens unused for (days)').fill('90');
      await page.getByLabel('Requests per minute per token').fill('120');
      await page.getByLabel('Query cost points per hour per token').fill('5000');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      expect(await prisma.tokenPolicy.findFirst()).toMatchObject({ expiryNoticeDays: [60, 14, 0], revokeUnusedAfterDays: 90, requestsPerMinute: 120, costPerHour: 5000 });
      await page.reload();
      expect(await page.getByLabel('Expiry notices (days before expiry)').inputValue()).toBe('60, 14, 0');
      expect(await page.getByLabel('Revoke tokens unused for (days)').inputValue()).toBe('90');
      await screenshot(page, 'console', 'token-policy-hygiene-1280');
      // Emptied, each goes back to its default: off, the gateway's setting, no budget.
      await page.getByLabel('Revoke tokens unused for (days)').fill('');
      await page.getByLabel('Query cost points per hour per token').fill('');
      await page.getByRole('button', { name: 'Save policy' }).click();
      await page.getByRole('status').getByText('Saved.').waitFor();
      expect(await prisma.tokenPolicy.findFirst()).toMatchObject({ revokeUnusedAfterDays: null, costPerHour: null, requestsPerMinute: 120 });
    } finally {
      await page.context().close();
      await prisma.tokenPolicy.updateMany({ data: { expiryNoticeDays: [30, 7, 0], revokeUnusedAfterDays: null, requestsPerMinute: null, costPerHour: null } });
    }
  });

  it('filters all tokens by last use, expiry, addresses and writes, in the URL', async () => {
    const read = [grant('PROJECT', 'READ')];
    const never = await createToken(prisma, { createdById: owner.id, name: 'hyg-never', grants: read, allowedCidrs: ['203.0.113.0/24'] });
    const stale = await createToken(prisma, { createdById: owner.id, name: 'hyg-stale', grants: read, expiresAt: new Date('2030-01-01T00:00:00Z') });
    const fresh = await createToken(prisma, { createdById: owner.id, name: 'hyg-fresh', grants: [grant('PROJECT', 'WRITE')] });
    await prisma.accessToken.update({ where: { id: stale.id }, data: { lastUsedAt: new Date('2020-06-01T00:00:00Z') } });
    await prisma.accessToken.update({ where: { id: fresh.id }, data: { lastUsedAt: new Date() } });
    const names = (page: Page) => page.locator('tbody th[scope="row"]').allTextContents();
    const page = await open(admin.session);
    try {
      await page.goto(`${base}/console/all-tokens?q=hyg-`);
      await page.getByRole('status').getByText('3 tokens matching “hyg-”.').waitFor();
      // Folded while no filter is on, so a phone shows the tokens first.
      expect(await page.getByLabel('Ever used').isVisible()).toBe(false);
      await page.getByText('Filters: last use, expiry, addresses, writes').click();
      await page.getByLabel('Ever used').selectOption({ label: 'Never used' });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('status').getByText('1 token matching “hyg-” with these filters.').waitFor();
      expect((await names(page)).join()).toContain('hyg-never');
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ q: 'hyg-', neverUsed: 'yes' });
      await page.reload();
      await page.getByRole('status').getByText('1 token matching “hyg-” with these filters.').waitFor();
      expect(await page.getByLabel('Ever used').inputValue()).toBe('yes');

      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page.getByRole('status').getByText('3 tokens matching “hyg-”.').waitFor();
      await page.getByLabel('Last used before (UTC day)').fill('2021-01-01');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByRole('status').getByText('1 token matching “hyg-” with these filters.').waitFor();
      expect((await names(page)).join()).toContain('hyg-stale');
      await screenshot(page, 'console', 'all-tokens-filtered-1280');

      for (const [params, expected] of [
        ['expiresBefore=2031-01-01', 'hyg-stale'],
        ['anyAddress=no', 'hyg-never'],
        ['write=yes', 'hyg-fresh'],
      ] as const) {
        await page.goto(`${base}/console/all-tokens?q=hyg-&${params}`);
        await page.getByRole('status').getByText('1 token matching “hyg-” with these filters.').waitFor();
        expect((await names(page)).join(), params).toContain(expected);
      }
      await page.goto(`${base}/console/all-tokens?q=hyg-&write=no&anyAddress=yes`);
      await page.getByRole('status').getByText('1 token matching “hyg-” with these filters.').waitFor();
      expect((await names(page)).join()).toContain('hyg-stale');
    } finally {
      await page.context().close();
      await prisma.accessToken.deleteMany({ where: { id: { in: [never.id, stale.id, fresh.id] } } });
    }
  });

  it('filters the audit log by kind and by token, in the URL, and keeps the filter on reload', async () => {
    const kept = await createToken(prisma, { createdById: owner.id, name: 'kept-token', grants: [grant('PROJECT', 'READ')] });
    const gone = await createToken(prisma, { createdById: owner.id, name: 'gone-token', grants: [grant('PROJECT', 'READ')] });
    await prisma.tokenEvent.createMany({
      data: [
        { tokenId: kept.id, kind: 'CREATED', actorId: owner.id },
        { tokenId: gone.id, kind: 'CREATED', actorId: owner.id },
        { tokenId: gone.id, kind: 'REVOKED', actorId: admin.id, details: { reason: 'left the team' } },
      ],
    });
    const page = await open(admin.session);
    try {
      await page.goto(`${base}/console/audit`);
      await page.getByLabel('Event', { exact: true }).selectOption('REVOKED');
      await page.getByLabel('Actor').fill('nobody-at-all@example.test');
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByRole('alert').getByText('No user has the e-mail nobody-at-all@example.test.').waitFor();
      expect(page.url()).toBe(`${base}/console/audit`);
      await page.getByLabel('Actor').fill(admin.email.toUpperCase());
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.getByRole('status').getByText('1 event match the filter.').waitFor();
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ kind: 'REVOKED', actor: admin.id });
      await page.reload();
      await page.getByRole('status').getByText('1 event match the filter.').waitFor();
      // A shared link names the actor by ID, and the field shows it.
      expect(await page.getByLabel('Actor').inputValue()).toBe(admin.id);
      expect(await page.locator('tbody tr').textContent()).toContain('left the team');
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.getByRole('button', { name: 'Only events of kept-token' }).click();
      await page.getByRole('status').getByText('1 event match the filter.').waitFor();
      expect(page.url()).toBe(`${base}/console/audit?token=${kept.id}`);
      expect(await page.getByLabel('Token ID').inputValue()).toBe('');
      await screenshot(page, 'console', 'audit-filtered-1280');
    } finally {
      await page.context().close();
    }
  });
});
