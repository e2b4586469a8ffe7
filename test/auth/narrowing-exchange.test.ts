import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { execute } from '../helpers/execute.js';
import { createDevice, createProject, createToken, createUser, grant } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { postForm, TOKEN_EXCHANGE_GRANT as GRANT } from '../helpers/token-endpoint.js';

const { gateway, prisma, config } = await setupGateway();
const narrow = (params: Record<string, string>, contentType?: string) => postForm(gateway, '/auth/token', params, contentType);

async function world() {
  const owner = await createUser(prisma);
  const a = await createProject(prisma, owner.id, 'A');
  const b = await createProject(prisma, owner.id, 'B');
  const deviceA = await createDevice(prisma, a.id);
  const deviceB = await createDevice(prisma, b.id);
  const token = await createToken(prisma, {
    createdById: owner.id,
    grants: [grant('DEVICE', 'WRITE'), grant('PROJECT', 'READ', { projectId: a.id })],
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  return { owner, a, b, deviceA, deviceB, token };
}

const Devices = 'query($p: ID!) { devices(projectId: $p) { nodes { id } } }';

describe('narrowing token exchange (RFC 8693)', () => {
  it('issues a JWT limited to the requested subset of grants', async () => {
    const w = await world();
    const exchanged = await narrow({ grant_type: GRANT, subject_token: w.token.secret, subject_token_type: 'urn:ietf:params:oauth:token-type:access_token', scope: `device:read:${w.a.id}` });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toMatchObject({ issued_token_type: 'urn:ietf:params:oauth:token-type:jwt', token_type: 'Bearer', scope: `device:read:${w.a.id}` });
    const jwt = exchanged.body.access_token as string;
    expect(decodeJwt(jwt)).toMatchObject({ scope: `device:read:${w.a.id}`, tid: w.token.id });
    // What it was narrowed to works; what the token could do beyond that does not.
    expect((await execute(gateway, Devices, { p: w.a.id }, { token: jwt })).expectData()).toEqual({ devices: { nodes: [{ id: w.deviceA.id }] } });
    expect((await execute(gateway, Devices, { p: w.b.id }, { token: jwt })).expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    const write = await execute(gateway, 'mutation($id: ID!) { updateDevice(id: $id, name: "x") { id } }', { id: w.deviceA.id }, { token: jwt });
    expect(write.expectError('FORBIDDEN').extensions?.reason).toBe('MISSING_GRANT');
    expect((await execute(gateway, '{ viewer { authMethod grants { entity action projectId } } }', {}, { token: jwt })).expectData()).toEqual({
      viewer: { authMethod: 'EXCHANGED_JWT', grants: [{ entity: 'DEVICE', action: 'READ', projectId: w.a.id }] },
    });
    // The token itself still can.
    (await execute(gateway, Devices, { p: w.b.id }, { token: w.token.secret })).expectData();
  });

  it('refuses to widen: invalid_scope', async () => {
    const w = await world();
    for (const scope of [`project:write:${w.a.id}`, `project:read:${w.b.id}`, 'project:read', 'user']) {
      const refused = await narrow({ grant_type: GRANT, subject_token: w.token.secret, scope });
      expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    }
    expect(await narrow({ grant_type: GRANT, subject_token: w.token.secret, scope: 'devices:everything' })).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });

  it('is only ever shorter: expires_in, the 12-hour cap and the token expiry', async () => {
    const w = await world();
    const short = await narrow({ grant_type: GRANT, subject_token: w.token.secret, expires_in: '600' }, 'application/json');
    expect(short.body.expires_in).toBeLessThanOrEqual(600);
    const claims = decodeJwt(short.body.access_token);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(600);
    const long = await narrow({ grant_type: GRANT, subject_token: w.token.secret, expires_in: String(48 * 3600) });
    expect(long.body.expires_in).toBeLessThanOrEqual(3600); // the token itself expires in an hour
  });

  it('may be minted for another audience, which this gateway then refuses', async () => {
    const w = await world();
    const other = await narrow({ grant_type: GRANT, subject_token: w.token.secret, audience: 'https://reports.example' });
    expect(decodeJwt(other.body.access_token).aud).toBe('https://reports.example');
    expect(config.jwtAudience).not.toBe('https://reports.example');
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: other.body.access_token })).status).toBe(401);
  });

  it('dies with its token', async () => {
    const w = await world();
    const jwt = (await narrow({ grant_type: GRANT, subject_token: w.token.secret, scope: `device:read:${w.a.id}` })).body.access_token;
    (await execute(gateway, Devices, { p: w.a.id }, { token: jwt })).expectData();
    await execute(gateway, 'mutation($id: ID!) { revokeToken(id: $id) { id } }', { id: w.token.id }, { session: w.owner.session });
    expect((await execute(gateway, Devices, { p: w.a.id }, { token: jwt })).status).toBe(401);
  });

  it('answers malformed requests with OAuth errors', async () => {
    const w = await world();
    expect(await narrow({ grant_type: 'client_credentials', subject_token: w.token.secret })).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    expect(await narrow({ grant_type: GRANT })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await narrow({ grant_type: GRANT, subject_token: w.owner.session })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await narrow({ grant_type: GRANT, subject_token: 'sgp_nope' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await narrow({ grant_type: GRANT, subject_token: w.token.secret, expires_in: '-5' })).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    expect(await narrow({ grant_type: GRANT, subject_token: w.token.secret }, 'text/plain')).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  });
});
