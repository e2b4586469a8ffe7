import { describe, expect, it } from 'vitest';
import { execute } from '../helpers/execute.js';
import { createToken, createUser, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const { gateway, prisma } = await setupGateway();

describe('races', () => {
  it('50 concurrent uses against one revoke: no success starts after the revoke is acknowledged', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret }); // cached, the hard case
    let acknowledgedAt = Infinity;
    const revoke = execute(gateway, 'mutation($id: ID!) { revokeToken(id: $id) { status } }', { id: token.id }, { session: user.session }).then((r) => {
      acknowledgedAt = performance.now();
      return r;
    });
    // At least 50 uses, launched 2 ms apart while the revoke runs, and 10 more after its answer.
    const uses: Promise<{ startedAt: number; status: number }>[] = [];
    let launchedAfter = 0;
    while (uses.length < 50 || launchedAfter < 10) {
      if (acknowledgedAt !== Infinity) launchedAfter++;
      uses.push(
        (async () => {
          const startedAt = performance.now();
          const response = await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret });
          return { startedAt, status: response.status };
        })(),
      );
      await new Promise((r) => setTimeout(r, 2));
    }
    const results = await Promise.all(uses);
    expect(((await revoke).expectData() as { revokeToken: { status: string } }).revokeToken.status).toBe('REVOKED');
    const after = results.filter((r) => r.startedAt > acknowledgedAt);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((r) => r.status !== 401)).toEqual([]);
    expect((await execute(gateway, '{ viewer { authMethod } }', {}, { token: token.secret })).status).toBe(401);
  });

  it('concurrent regenerates: exactly one secret works at the end', async () => {
    const user = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: user.id });
    const regenerations = await Promise.all(
      Array.from({ length: 5 }, () =>
        execute(gateway, 'mutation($id: ID!, $p: String!) { regenerateToken(id: $id, password: $p) { secret } }', { id: token.id, p: PASSWORD }, { session: user.session }),
      ),
    );
    const secrets = [token.secret, ...regenerations.map((r) => (r.expectData() as { regenerateToken: { secret: string } }).regenerateToken.secret)];
    expect(new Set(secrets).size).toBe(6);
    const working = [];
    for (const secret of secrets) {
      if ((await execute(gateway, '{ viewer { authMethod } }', {}, { token: secret })).status === 200) working.push(secret);
    }
    expect(working).toHaveLength(1);
    expect(regenerations.map((r) => (r.expectData() as { regenerateToken: { secret: string } }).regenerateToken.secret)).toContain(working[0]);
  });
});
