/**
 * The device authorization grant (RFC 8628) end to end, over real HTTP, with the person's part in
 * a real Chromium: a device asks at /auth/device and polls /auth/token; someone opens the
 * verification address it was given, sees the request on the console's "Connect a device" page
 * and approves or denies it there.
 *
 * Time between polls is never waited for: the test moves the code's last poll back instead.
 */
import { describe, expect, it } from 'vitest';
import { digestCode } from '../../src/auth/device-codes.js';
import { consoleUnderTest, newConsolePage, screenshot } from '../helpers/browser.js';
import { execute } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createUser, PASSWORD } from '../helpers/factories.js';

const { prisma, base, browser, url } = await consoleUnderTest();

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

async function post(address: string, params: Record<string, string>) {
  const response = await fetch(`${base}${address}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

const poll = (deviceCode: string) => post('/auth/token', { grant_type: DEVICE_GRANT, device_code: deviceCode });

/** As if the device's last poll were long enough ago for the next one to be on time. */
async function letIntervalPass(deviceCode: string) {
  await prisma.deviceCode.update({ where: { deviceCodeDigest: digestCode(deviceCode) }, data: { lastPolledAt: new Date(Date.now() - 60_000) } });
}

async function world() {
  const owner = await createUser(prisma);
  const editor = await createUser(prisma);
  const viewer = await createUser(prisma);
  const project = await createProject(prisma, owner.id, 'Greenhouse');
  await addMember(prisma, project.id, editor.id, 'EDITOR');
  await addMember(prisma, project.id, viewer.id, 'VIEWER');
  return { owner, editor, viewer, project };
}

async function askToConnect(projectId: string, deviceName: string) {
  const asked = await post('/auth/device', { project_id: projectId, device_name: deviceName });
  expect(asked.status).toBe(200);
  return asked.body as { device_code: string; user_code: string; verification_uri: string; verification_uri_complete: string };
}

describe('the device grant with approval in the console', () => {
  it('an editor approves the code from verification_uri_complete; the device gets a token for itself only', async () => {
    const w = await world();
    const other = await createDevice(prisma, w.project.id, 'other-device');
    const codes = await askToConnect(w.project.id, 'thermostat');
    // The address a device shows is a console page, on the origin the device asked.
    expect(codes.verification_uri).toBe(`${base}/console/devices/connect`);
    expect(codes.verification_uri_complete).toBe(`${base}/console/devices/connect?user_code=${codes.user_code}`);
    expect(await poll(codes.device_code)).toEqual({ status: 400, body: { error: 'authorization_pending' } });

    const page = await newConsolePage(browser, base, { width: 1280, session: w.editor.session });
    try {
      await page.goto(codes.verification_uri_complete);
      await page.getByRole('heading', { name: 'Connect a device', level: 1 }).waitFor();
      expect(await page.getByLabel('Device code').inputValue()).toBe(codes.user_code);
      const request = page.getByRole('heading', { name: `Request ${codes.user_code}` }).locator('..');
      await request.waitFor();
      expect(await request.locator('dt:has-text("Project") + dd').textContent()).toBe('Greenhouse');
      expect(await request.locator('dt:has-text("Device name") + dd').textContent()).toBe('thermostat');
      expect(await request.locator('dt:has-text("Status") + dd').textContent()).toBe('Waiting for approval');
      // Still pending while the person reads: the device keeps waiting.
      await letIntervalPass(codes.device_code);
      expect(await poll(codes.device_code)).toEqual({ status: 400, body: { error: 'authorization_pending' } });
      await page.getByRole('button', { name: 'Approve thermostat' }).click();
      await page.getByRole('status').getByText('Approved. thermostat is connecting to Greenhouse').waitFor();
      await request.locator('dt:has-text("Status") + dd', { hasText: /^Approved$/ }).waitFor();
      expect(await page.getByRole('button', { name: 'Approve thermostat' }).count()).toBe(0);
      await screenshot(page, 'device-grant', 'approved-1280');
    } finally {
      await page.context().close();
    }

    await letIntervalPass(codes.device_code);
    const issued = await poll(codes.device_code);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ token_type: 'Bearer', project_id: w.project.id, access_token: expect.stringMatching(/^scopegate_tok_/) });
    const token = { token: issued.body.access_token! };
    const own = await execute<{ device: { name: string } }, { id: string }>(url, 'query($id: ID!) { device(id: $id) { name } }', { id: issued.body.device_id! }, token);
    expect(own.expectData().device.name).toBe('thermostat');
    const another = await execute(url, 'query($id: ID!) { device(id: $id) { name } }', { id: other.id }, token);
    expect(another.expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    // The code gave its token once.
    await letIntervalPass(codes.device_code);
    expect(await poll(codes.device_code)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('signed out at verification_uri, an editor signs in, types the code as it comes and denies it: access_denied', async () => {
    const w = await world();
    const codes = await askToConnect(w.project.id, 'unknown-box');
    const page = await newConsolePage(browser, base, { width: 375 });
    try {
      await page.goto(codes.verification_uri);
      await page.getByLabel('E-mail').fill(w.editor.email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Connect a device', level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/devices/connect');
      // Lower case, no dash: the same code.
      await page.getByLabel('Device code').fill(codes.user_code.replace('-', '').toLowerCase());
      await page.getByRole('button', { name: 'Look up code' }).click();
      const request = page.getByRole('heading', { name: `Request ${codes.user_code}` }).locator('..');
      await request.waitFor();
      expect(await page.getByLabel('Device code').inputValue()).toBe(codes.user_code);
      expect(await request.locator('dt:has-text("Device name") + dd').textContent()).toBe('unknown-box');
      await page.getByRole('button', { name: 'Deny' }).click();
      await page.getByRole('status').getByText('Denied. unknown-box will not be connected to Greenhouse.').waitFor();
      await request.locator('dt:has-text("Status") + dd', { hasText: /^Denied$/ }).waitFor();
      await screenshot(page, 'device-grant', 'denied-375');
    } finally {
      await page.context().close();
    }
    await letIntervalPass(codes.device_code);
    expect(await poll(codes.device_code)).toEqual({ status: 400, body: { error: 'access_denied' } });
    expect(await prisma.device.count({ where: { projectId: w.project.id } })).toBe(0);
  });

  it('a viewer sees the request but may not approve it; an outsider does not see it', async () => {
    const w = await world();
    const codes = await askToConnect(w.project.id, 'sensor');
    const outsider = await createUser(prisma);
    for (const [who, session] of [['viewer', w.viewer.session], ['outsider', outsider.session]] as const) {
      const page = await newConsolePage(browser, base, { width: 1280, session });
      try {
        await page.goto(codes.verification_uri_complete);
        await page.getByRole('heading', { name: 'Connect a device', level: 1 }).waitFor();
        if (who === 'viewer') {
          await page.getByText('Only owners and editors of Greenhouse may approve it.').waitFor();
        } else {
          await page.getByRole('alert').getByText(`No pending request matches ${codes.user_code}`).waitFor();
        }
        expect(await page.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Deny' }).count()).toBe(0);
      } finally {
        await page.context().close();
      }
    }
    expect((await prisma.deviceCode.findUniqueOrThrow({ where: { deviceCodeDigest: digestCode(codes.device_code) } })).status).toBe('PENDING');
  });
});
