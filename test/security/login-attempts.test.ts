import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { execute } from '../helpers/execute.js';
import { createUser, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

// Behind one proxy of ours, so a test can sign in from an address of its own (X-Forwarded-For).
const { gateway, prisma, config } = await setupGateway({ env: { TRUST_PROXY: '1', SCOPEGATE_LOGIN_LIMIT_PER_IP: '5' } });

const Login = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { sessionToken } }';

/** An address nobody else in the test run uses, so its counter is this test's own. */
const freshAddress = () => `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}::1`;

describe('login counts an attempt before it checks the password', () => {
  it('30 concurrent wrong passwords for one account: exactly the limit are checked, the rest are 429', async () => {
    const user = await createUser(prisma);
    const limit = config.limits.loginPerAccount.max;
    // In process, without X-Forwarded-For: no address, so only the account's counter applies.
    const answers = await Promise.all(Array.from({ length: 30 }, () => execute(gateway, Login, { e: user.email, p: 'wrong password' })));
    const codes = answers.map((a) => a.body.errors?.[0]?.extensions?.code);
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(limit);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(30 - limit);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(30 - limit);
    // While the account is blocked, even the right password is refused.
    const right = await execute(gateway, Login, { e: user.email, p: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.expectError('RATE_LIMITED').message).toMatch(/Too many failed sign-in attempts/);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('successful sign-ins do not use up the attempts of their address; failed ones do', async () => {
    const ip = freshAddress();
    const login = (email: string, password: string) => execute(gateway, Login, { e: email, p: password }, { headers: { 'x-forwarded-for': ip } });
    const limit = config.limits.loginPerIp.max;
    for (let i = 0; i < limit + 2; i++) {
      const user = await createUser(prisma);
      (await login(user.email, PASSWORD)).expectData();
    }
    const someone = await createUser(prisma);
    const failures = [];
    for (let i = 0; i < limit + 1; i++) failures.push((await login(`nobody-${randomBytes(4).toString('hex')}@example.test`, 'x')).body.errors?.[0]?.extensions?.code);
    expect(failures).toEqual([...Array(limit).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    expect((await login(someone.email, PASSWORD)).status).toBe(429);
  });
});
