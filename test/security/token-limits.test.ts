/**
 * A token's own limits in one gateway, on a clock the test moves: requests per minute, cost
 * points per hour, uses and notBefore; the RateLimit headers and viewer.rateLimit say what is
 * enforced; bad limits are refused and change nothing. Several processes: test/db/workers.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createToken, createUser, PASSWORD } from '../helpers/factories.js';
import { execute, type Response } from '../helpers/execute.js';
import { setupGateway } from '../helpers/gateway.js';
import { exchangedJwt } from '../helpers/token-endpoint.js';

// 10 s into an hour (so into a minute too): every window below starts at a known time.
const HOUR = 3_600_000;
let now = Math.floor(Date.now() / HOUR) * HOUR - HOUR + 10_000;
const { gateway, prisma } = await setupGateway({ clock: () => now });

const RATE = '{ viewer { rateLimit { kind limit remaining resetAt cost } } }';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
type Any = any;
const ask = (secret: string, query = RATE) => execute<Any, unknown>(gateway, query, {}, { token: secret });

/** The RateLimit header's members as { name: { r, t } }. */
function rateLimit(response: Response<unknown>): Record<string, { r: number; t?: number }> {
  const members: Record<string, { r: number; t?: number }> = {};
  for (const member of (response.headers.get('ratelimit') ?? '').split(', ')) {
    const [name, ...params] = member.split(';');
    const values = Object.fromEntries(params.map((p) => p.split('=')).map(([k, v]) => [k, Number(v)]));
    members[JSON.parse(name!)] = values as { r: number; t?: number };
  }
  return members;
}

async function userWithLimitedToken(limits: Record<string, unknown>) {
  const user = await createUser(prisma);
  const token = await createToken(prisma, { kind: 'USER', createdById: user.id, limits });
  return { user, token };
}

describe('requestsPerMinute', () => {
  it('holds per minute window; the headers and viewer.rateLimit count down with it; the 429 says when to come back', async () => {
    now += 60_000;
    const { token } = await userWithLimitedToken({ limitRequestsPerMinute: 3 });
    const windowEnd = new Date(now - (now % 60_000) + 60_000);
    for (const remaining of [2, 1, 0]) {
      const response = await ask(token.secret);
      expect(response.expectData().viewer.rateLimit).toEqual({ kind: 'REQUESTS', limit: 3, remaining, resetAt: windowEnd.toISOString(), cost: expect.any(Number) });
      expect(response.headers.get('ratelimit-policy')).toBe('"requests";q=3;w=60');
      expect(rateLimit(response)).toEqual({ requests: { r: remaining, t: 50 } });
    }
    const refused = await ask(token.secret);
    expect(refused.status).toBe(429);
    expect(refused.expectError('RATE_LIMITED').message).toMatch(/request budget for the minute/);
    expect(refused.headers.get('retry-after')).toBe('50');
    expect(rateLimit(refused)).toEqual({ requests: { r: 0, t: 50 } });

    now = windowEnd.getTime();
    expect((await ask(token.secret)).expectData().viewer.rateLimit).toMatchObject({ remaining: 2 });
  });

  it("every token has the instance's budget, and sessions get no RateLimit headers", async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const response = await ask(token.secret);
    expect(response.headers.get('ratelimit-policy')).toBe('"requests";q=6000;w=60');
    expect(response.expectData().viewer.rateLimit).toMatchObject({ kind: 'REQUESTS', limit: 6000, remaining: 5999 });
    const session = await execute<Any, unknown>(gateway, RATE, {}, { session: user.session });
    expect(session.expectData().viewer.rateLimit).toBeNull();
    expect(session.headers.get('ratelimit')).toBeNull();
  });
});

describe('costPerHour', () => {
  it('charges each operation its GraphQL Armor cost before it runs, and refuses one that does not fit with 429', async () => {
    const probe = await userWithLimitedToken({});
    const cost = (await ask(probe.token.secret)).expectData().viewer.rateLimit.cost as number;
    expect(cost).toBeGreaterThan(1);

    const { token } = await userWithLimitedToken({ limitCostPerHour: 2 * cost + 1 });
    const hourEnd = new Date(now - (now % HOUR) + HOUR);
    const first = await ask(token.secret);
    expect(first.expectData().viewer.rateLimit).toEqual({ kind: 'COST', limit: 2 * cost + 1, remaining: cost + 1, resetAt: hourEnd.toISOString(), cost });
    expect(first.headers.get('ratelimit-policy')).toBe(`"requests";q=6000;w=60, "cost";q=${2 * cost + 1};w=3600`);
    expect(rateLimit(first).cost).toEqual({ r: cost + 1, t: Math.ceil((hourEnd.getTime() - now) / 1000) });
    expect((await ask(token.secret)).expectData().viewer.rateLimit.remaining).toBe(1);

    const refused = await ask(token.secret);
    expect(refused.status).toBe(429);
    expect(refused.expectError('RATE_LIMITED').message).toMatch(new RegExp(`costs ${cost} points; this access token has 1 of its ${2 * cost + 1}`));
    expect(Number(refused.headers.get('retry-after'))).toBe(Math.ceil((hourEnd.getTime() - now) / 1000));
    // A cheaper operation still fits in what is left.
    expect((await ask(token.secret, '{ __typename }')).expectData()).toEqual({ __typename: 'Query' });
    expect(rateLimit(await ask(token.secret, '{ __typename }')).cost).toMatchObject({ r: 0 });
  });
});

describe('maxUses', async () => {
  // Exchanged JWTs carry the real time: this gateway keeps it.
  const { gateway } = await setupGateway();
  const ask = (secret: string) => execute<Any, unknown>(gateway, RATE, {}, { token: secret });

  it('counts every use, exchanges and their JWTs included, and then refuses the token like a dead one (401)', async () => {
    const { token } = await userWithLimitedToken({ maxUses: 3 });
    const jwt = await exchangedJwt(gateway, token.secret);
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: jwt })).status).toBe(200);
    const third = await ask(token.secret);
    expect(rateLimit(third).uses).toEqual({ r: 0 });
    expect(third.headers.get('ratelimit-policy')).toContain('"uses";q=3');
    for (const credential of [jwt, token.secret]) {
      const used = await execute(gateway, '{ viewer { authMethod } }', {}, { token: credential });
      expect(used.status).toBe(401);
      expect(used.expectError('UNAUTHENTICATED').message).toMatch(/used up/);
    }
  });
});

describe('notBefore', () => {
  it('refuses the token like an expired one until then, and lets it work from then on', async () => {
    const { token } = await userWithLimitedToken({ notBefore: new Date(now + 30_000) });
    const early = await ask(token.secret);
    expect(early.status).toBe(401);
    expect(early.expectError('UNAUTHENTICATED').message).toMatch(/not valid before/);
    now += 30_000;
    expect((await ask(token.secret)).status).toBe(200);
  });
});

const CREATE = 'mutation($input: CreateTokenInput!, $password: String!) { createToken(input: $input, password: $password) { token { id limits { requestsPerMinute costPerHour maxUses notBefore } } } }';
const UPDATE = 'mutation($id: ID!, $input: UpdateTokenInput!, $password: String!) { updateToken(id: $id, input: $input, password: $password) { limits { requestsPerMinute costPerHour maxUses notBefore } } }';

describe('limits on createToken and updateToken', () => {
  it('are stored and shown on AccessToken.limits; null on update removes one, leaving the others', async () => {
    const user = await createUser(prisma);
    const limits = { requestsPerMinute: 30, costPerHour: 1000, maxUses: 10, notBefore: '2030-01-01T00:00:00.000Z' };
    const created = (await execute<Any, unknown>(gateway, CREATE, { input: { kind: 'USER', name: 'limited', limits }, password: PASSWORD }, { session: user.session })).expectData();
    expect(created.createToken.token.limits).toEqual(limits);
    const updated = await execute<Any, unknown>(gateway, UPDATE, { id: created.createToken.token.id, input: { limits: { maxUses: null, requestsPerMinute: 20 } }, password: PASSWORD }, { session: user.session });
    expect(updated.expectData().updateToken.limits).toEqual({ ...limits, requestsPerMinute: 20, maxUses: null });
  });

  it('copyToken copies them, and the copy counts its uses afresh', async () => {
    const user = await createUser(prisma);
    const source = await createToken(prisma, { kind: 'USER', createdById: user.id, limits: { limitRequestsPerMinute: 30, maxUses: 1 } });
    expect((await ask(source.secret)).status).toBe(200);
    const COPY = 'mutation($id: ID!, $password: String!) { copyToken(id: $id, name: "copy", password: $password) { secret token { limits { requestsPerMinute maxUses } } } }';
    const copied = (await execute<Any, unknown>(gateway, COPY, { id: source.id, password: PASSWORD }, { session: user.session })).expectData().copyToken;
    expect(copied.token.limits).toEqual({ requestsPerMinute: 30, maxUses: 1 });
    expect((await ask(copied.secret)).status).toBe(200);
    expect((await ask(copied.secret)).status).toBe(401);
  });

  it.each([
    ['zero', { requestsPerMinute: 0 }, /limits.requestsPerMinute must be between 1/],
    ['negative', { maxUses: -1 }, /limits.maxUses must be between 1/],
    ['looser than the instance default', { requestsPerMinute: 6001 }, /looser than the token policy's requestsPerMinute of 6000/],
    ['notBefore after expiresAt', { notBefore: '2031-01-01T00:00:00Z' }, /notBefore must come before the token expires/],
  ])('refuses %s with BAD_USER_INPUT, on create and on update, changing nothing', async (_name, limits, message) => {
    const user = await createUser(prisma);
    const input = { kind: 'USER', name: 'refused', expiresAt: '2030-06-01T00:00:00Z', limits };
    const refused = await execute<Any, unknown>(gateway, CREATE, { input, password: PASSWORD }, { session: user.session });
    expect(refused.expectError('BAD_USER_INPUT').message).toMatch(message);
    expect(await prisma.accessToken.count({ where: { ownerId: user.id } })).toBe(0);

    const token = await createToken(prisma, { kind: 'USER', createdById: user.id, expiresAt: new Date('2030-06-01T00:00:00Z') });
    const before = await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } });
    const update = await execute<Any, unknown>(gateway, UPDATE, { id: token.id, input: { limits }, password: PASSWORD }, { session: user.session });
    expect(update.expectError('BAD_USER_INPUT').message).toMatch(message);
    expect(await prisma.accessToken.findUniqueOrThrow({ where: { id: token.id } })).toEqual(before);
  });

  it('refuses an expiry that would come before the notBefore already set', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id, limits: { notBefore: new Date('2030-01-01T00:00:00Z') } });
    const update = await execute<Any, unknown>(gateway, UPDATE, { id: token.id, input: { expiresAt: '2029-01-01T00:00:00Z' }, password: PASSWORD }, { session: user.session });
    expect(update.expectError('BAD_USER_INPUT').message).toMatch(/after the token's notBefore/);
  });
});

describe('the token policy sets the instance defaults', async () => {
  const isolated = await setupGateway({ isolated: true });
  const SET = 'mutation($input: TokenPolicyInput!) { setTokenPolicy(input: $input) { requestsPerMinute costPerHour } }';

  it('a token may only be tighter, and a tighter policy holds at once for tokens made before it', async () => {
    const admin = await createUser(isolated.prisma, { role: 'ADMIN' });
    const token = await createToken(isolated.prisma, { kind: 'USER', createdById: admin.id, limits: { limitRequestsPerMinute: 50 } });
    const viewer = () => execute<Any, unknown>(isolated.gateway, RATE, {}, { token: token.secret });
    expect((await viewer()).expectData().viewer.rateLimit.limit).toBe(50);

    const set = await execute<Any, unknown>(isolated.gateway, SET, { input: { requestsPerMinute: 20, costPerHour: 500 } }, { session: admin.session });
    expect(set.expectData().setTokenPolicy).toEqual({ requestsPerMinute: 20, costPerHour: 500 });
    const after = await viewer();
    expect(after.headers.get('ratelimit-policy')).toBe('"requests";q=20;w=60, "cost";q=500;w=3600');

    const looser = await execute<Any, unknown>(isolated.gateway, CREATE, { input: { kind: 'USER', name: 't', limits: { costPerHour: 501 } }, password: PASSWORD }, { session: admin.session });
    expect(looser.expectError('BAD_USER_INPUT').message).toMatch(/looser than the token policy's costPerHour of 500/);
    const zero = await execute<Any, unknown>(isolated.gateway, SET, { input: { costPerHour: 0 } }, { session: admin.session });
    expect(zero.expectError('BAD_USER_INPUT').message).toMatch(/costPerHour must be between 1/);
  });
});
