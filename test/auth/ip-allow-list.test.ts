import { describe, expect, it } from 'vitest';
import { allowedFrom, clientAddress, compileAllowList } from '../../src/auth/client-address.js';
import { graphql } from '../gql/index.js';
import { execute } from '../helpers/execute.js';
import { createToken, createUser, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { listen } from '../helpers/servers.js';

const { gateway, prisma } = await setupGateway();
// Behind one proxy of ours: the client address is the right-most X-Forwarded-For entry.
const proxied = await setupGateway({ env: { TRUST_PROXY: '1' } });
const direct = await listen(gateway);
const behindProxy = await listen(proxied.gateway);

const Create = graphql(`
  mutation IpCreate($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { secret token { id allowedCidrs } } }
`);
const Update = graphql(`mutation IpUpdate($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { allowedCidrs } }`);

const viewer = (url: string, token: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: '{"query":"{ viewer { authMethod } }"}' });

describe('client addresses and allow-lists', () => {
  it('reads X-Forwarded-For only as far as TRUST_PROXY says', () => {
    expect(clientAddress('::ffff:10.0.0.9', '1.2.3.4', 0)).toBe('10.0.0.9');
    expect(clientAddress('10.0.0.9', 'spoofed, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.9', '203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.9', 'not-an-ip', 1)).toBeNull();
    const list = compileAllowList(['10.0.0.0/8', '2001:db8::/32']);
    expect([allowedFrom(list, '10.1.2.3'), allowedFrom(list, '11.0.0.1'), allowedFrom(list, '2001:db8::5'), allowedFrom(list, null)]).toEqual([true, false, true, false]);
    expect(allowedFrom(undefined, null)).toBe(true);
  });
});

describe('per-token IP allow-list', () => {
  it('is set on create, normalised, and refuses other addresses with 401 and an audit event', async () => {
    const user = await createUser(prisma);
    const made = (
      await execute(gateway, Create, { password: PASSWORD, input: { kind: 'USER', name: 'office only', allowedCidrs: ['127.0.0.1', '2001:DB8::/32'] } }, { session: user.session })
    ).expectData().createToken;
    expect(made.token.allowedCidrs).toEqual(['127.0.0.1/32', '2001:db8::/32']);
    expect((await viewer(direct.url, made.secret)).status).toBe(200);

    await execute(gateway, Update, { id: made.token.id, password: PASSWORD, input: { allowedCidrs: ['10.0.0.0/8'] } }, { session: user.session });
    const refused = await viewer(direct.url, made.secret);
    expect(refused.status).toBe(401);
    const body = await refused.json();
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/may not be used from your address/) });
    // The exchange is refused too.
    const exchange = await fetch(direct.url.replace('/graphql', '/auth/token'), { headers: { authorization: `Bearer ${made.secret}` } });
    expect(exchange.status).toBe(401);
    for (let i = 0; i < 50; i++) {
      const events = await prisma.tokenEvent.findMany({ where: { tokenId: made.token.id, kind: 'DENIED_IP' } });
      if (events.length) {
        expect(events).toMatchObject([{ ip: '127.0.0.1' }]);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await prisma.tokenEvent.count({ where: { tokenId: made.token.id, kind: 'DENIED_IP' } })).toBe(1);

    // Clearing the list allows any address again.
    await execute(gateway, Update, { id: made.token.id, password: PASSWORD, input: { allowedCidrs: [] } }, { session: user.session });
    expect((await viewer(direct.url, made.secret)).status).toBe(200);
  });

  it('uses X-Forwarded-For only from trusted proxy hops', async () => {
    const user = await createUser(prisma);
    const token = await createToken(proxied.prisma, { kind: 'USER', createdById: user.id, allowedCidrs: ['203.0.113.0/24'] });
    expect((await viewer(behindProxy.url, token.secret, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(200);
    expect((await viewer(behindProxy.url, token.secret, { 'x-forwarded-for': '203.0.113.7, 198.51.100.1' })).status).toBe(401);
    expect((await viewer(behindProxy.url, token.secret)).status).toBe(401);
    // Without TRUST_PROXY the header is ignored: the socket address (127.0.0.1) is not allowed.
    expect((await viewer(direct.url, token.secret, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(401);
  });

  it('refuses entries that are not addresses', async () => {
    const user = await createUser(prisma);
    for (const bad of ['10.0.0.0/33', 'example.com', '10.0.0.1/8/8', '::1/129', '10.0.0.0/ 8']) {
      const response = await execute(gateway, Create, { password: PASSWORD, input: { kind: 'USER', name: 't', allowedCidrs: [bad] } }, { session: user.session });
      expect(response.expectError('BAD_USER_INPUT').extensions?.field).toBe('allowedCidrs[0]');
    }
  });
});
