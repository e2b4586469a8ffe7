import { auditServer, type AuditResult } from 'graphql-http';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { listen } from '../helpers/servers.js';

const { gateway, prisma } = await setupGateway();
let url: string;
beforeAll(async () => {
  url = (await listen(gateway)).url;
});

function summary(results: AuditResult[]) {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  return `${results.length} audits: ${count('ok')} ok, ${count('warn')} SHOULD warnings, ${count('error')} MUST failures`;
}

const mustFailures = (results: AuditResult[]) => results.filter((r) => r.status === 'error').map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);

describe('GraphQL over HTTP (graphql-http audit) against the running gateway', () => {
  it('passes every MUST for an admin session', async () => {
    const admin = await createUser(prisma, { role: 'ADMIN' });
    // The audit's own queries use __type, which scopegate answers for admin sessions only.
    const fetchFn = (input: string, init: RequestInit = {}) =>
      fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${admin.session}` } });
    const results = await auditServer({ url, fetchFn });
    console.log(`graphql-http, admin session: ${summary(results)}`);
    for (const r of results.filter((r) => r.status === 'warn')) console.log(`  SHOULD: ${r.name}`);
    expect(mustFailures(results)).toEqual([]);
  });

  it('anonymously, fails only the MUST that needs introspection', async () => {
    const results = await auditServer({ url });
    console.log(`graphql-http, anonymous: ${summary(results)}`);
    expect(mustFailures(results).map((f) => f.split(':')[0])).toEqual(['MUST allow map {variables} parameter when accepting application/json']);
  });
});
