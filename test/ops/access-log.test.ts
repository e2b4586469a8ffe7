/**
 * The log as an operator reads it: one line per request with who and what, never a secret;
 * failed sign-ins findable without the addresses; client mistakes not raised as server errors.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { createToken, createUser, PASSWORD } from '../helpers/factories.js';
import { graphql, opsGateway, type LogLine } from './ops-gateway.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

const accessLines = (lines: LogLine[]) => lines.filter((line) => line.msg === 'request');
const ERROR = 50;

describe('the access log', () => {
  it('writes one line per request: request id, operation, status, duration, principal kind and token id', async () => {
    const { gateway, prisma, log } = await opsGateway({ logLevel: 'info' });
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    const responses = [
      await graphql(gateway, 'query Viewer { viewer { authMethod } }', { auth: token.secret }),
      await graphql(gateway, 'query Viewer { viewer { authMethod } }', { auth: owner.session }),
      await graphql(gateway, 'query Viewer { viewer { authMethod } }'),
    ];
    const lines = accessLines(log.lines());
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => {
      expect(line.level).toBe(30);
      expect(line.requestId).toBe(responses[i]!.headers.get('x-request-id'));
      expect(line).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operation: 'Viewer', outcome: 'ok' });
      expect(line.durationMs).toEqual(expect.any(Number));
    });
    expect(lines[0]).toMatchObject({ authMethod: 'ACCESS_TOKEN', tokenId: token.id, userId: owner.id });
    expect(lines[1]).toMatchObject({ authMethod: 'SESSION', userId: owner.id });
    expect(lines[1]!.tokenId).toBeUndefined();
    expect(lines[2]).toMatchObject({ authMethod: 'ANONYMOUS' });
  });

  it('never holds a secret: no token, session, password, Authorization header, cookie or api_token query', async () => {
    const { gateway, prisma, log } = await opsGateway({ logLevel: 'debug' });
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    await graphql(gateway, 'query Viewer { viewer { authMethod } }', { auth: token.secret });
    await gateway.fetch('http://scopegate.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `scopegate_session=${owner.session}` },
      body: JSON.stringify({ query: '{ viewer { authMethod } }' }),
    });
    const exchanged = await gateway.fetch(`http://scopegate.test/auth/token?api_token=${token.secret}`);
    const { token: jwt } = (await exchanged.json()) as { token: string };
    await graphql(gateway, 'query Viewer { viewer { authMethod } }', { auth: jwt });
    await graphql(gateway, 'mutation SignIn($e: String!, $p: String!) { login(email: $e, password: $p) { sessionToken } }', {
      variables: { e: owner.email, p: PASSWORD },
    });
    await graphql(gateway, 'query Viewer { viewer { authMethod } }', { auth: `${token.secret.slice(0, -1)}x` });
    const everything = log.raw.join('');
    expect(accessLines(log.lines())).toHaveLength(6);
    for (const secret of [token.secret, token.secret.slice(0, -1), owner.session, jwt, PASSWORD, owner.email]) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/authorization|cookie|api_token|scopegate_|sgp_|sgs_/i);
    expect(accessLines(log.lines()).find((line) => line.path === '/auth/token')).toMatchObject({ status: 200, authMethod: 'ACCESS_TOKEN', tokenId: token.id });
  });

  it('says why a credential was refused, in a word', async () => {
    const { gateway, prisma, log } = await opsGateway({ logLevel: 'info' });
    const owner = await createUser(prisma);
    const token = await createToken(prisma, { kind: 'USER', createdById: owner.id });
    await prisma.accessToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await graphql(gateway, 'query Viewer { viewer { authMethod } }', { auth: token.secret });
    expect(accessLines(log.lines())[0]).toMatchObject({ status: 401, operation: 'Viewer', outcome: 'UNAUTHENTICATED', authRefused: 'revoked', level: 30 });
  });

  it('writes probes and scrapes at debug, so they do not bury the requests at info', async () => {
    const { gateway, log } = await opsGateway({ logLevel: 'info' });
    await gateway.fetch('http://scopegate.test/livez');
    await gateway.fetch('http://scopegate.test/readyz');
    expect(accessLines(log.lines())).toEqual([]);
  });
});

describe('failed sign-ins', () => {
  it('are logged at info with the SHA-256 of the e-mail address, never the address', async () => {
    const { gateway, prisma, log } = await opsGateway({ logLevel: 'info' });
    const user = await createUser(prisma);
    const typed = `  ${user.email.toUpperCase()} `;
    const response = await graphql(gateway, 'mutation SignIn($e: String!, $p: String!) { signIn: login(email: $e, password: $p) { sessionToken } }', {
      variables: { e: typed, p: 'not the password' },
    });
    expect((await response.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const failed = log.lines().filter((line) => line.msg === 'sign-in failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      level: 30,
      requestId: response.headers.get('x-request-id'),
      emailSha256: createHash('sha256').update(user.email).digest('hex'),
      reason: 'wrong_credentials',
    });
    expect(log.raw.join('')).not.toContain(user.email);
    expect(log.raw.join('').toLowerCase()).not.toContain(user.email.toLowerCase());
  });

  it('a successful sign-in is not logged as a failure', async () => {
    const { gateway, prisma, log } = await opsGateway({ logLevel: 'info' });
    const user = await createUser(prisma);
    await graphql(gateway, 'mutation { login(email: "' + user.email + '", password: "' + PASSWORD + '") { sessionToken } }');
    expect(log.lines().filter((line) => line.msg === 'sign-in failed')).toEqual([]);
  });
});

describe('client errors are not server errors', () => {
  it('a CSRF 403 is not logged at error level, and is logged once, as a request', async () => {
    const { gateway, log } = await opsGateway({ logLevel: 'debug' });
    const response = await gateway.fetch('http://scopegate.test/graphql?query=%7Bviewer%7BauthMethod%7D%7D');
    expect(response.status).toBe(403);
    const lines = log.lines();
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
    expect(accessLines(lines)).toEqual([expect.objectContaining({ level: 30, status: 403, path: '/graphql' })]);
    expect(lines.filter((line) => line.msg === 'request refused')).toHaveLength(1);
  });

  it('BAD_USER_INPUT, FORBIDDEN, UNAUTHENTICATED, validation and malformed JSON stay below error level', async () => {
    const { gateway, prisma, log } = await opsGateway({ logLevel: 'debug' });
    const member = await createUser(prisma);
    await graphql(gateway, '{ device(id: "not-a-uuid") { id } }', { auth: member.session });
    await graphql(gateway, '{ adminTokens { totalCount } }', { auth: member.session });
    await graphql(gateway, '{ viewer { authMethod } }', { auth: 'sgp_nonsense' });
    await graphql(gateway, '{ viewer { nosuchfield } }');
    await gateway.fetch('http://scopegate.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    await gateway.fetch('http://scopegate.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '999999999' }, body: '{}' });
    const lines = log.lines();
    expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
    expect(accessLines(lines).map((line) => line.status)).toEqual([200, 200, 401, 200, 400, 413]);
  });
});

describe('server errors', () => {
  it('are logged once each, at error, with the request id, whether a resolver or the transaction failed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-log-fault-'));
    const db = await startEmbeddedPostgres(dir, { persistent: true });
    cleanups.push(() => rm(dir, { recursive: true, force: true }), () => db.stop());
    await applyMigrations(db.url);
    const { gateway, prisma, log } = await opsGateway({ databaseUrl: db.url, logLevel: 'info' });
    const owner = await createUser(prisma);
    // The session is now cached: with the database gone, the request gets as far as execution.
    expect((await graphql(gateway, '{ viewer { authMethod } }', { auth: owner.session })).status).toBe(200);
    await db.stop();
    const responses = [
      await graphql(gateway, 'mutation Create { createProject(name: "p") { id } }', { auth: owner.session }),
      await graphql(gateway, 'query Projects { projects { nodes { id } } }', { auth: owner.session }),
    ];
    for (const response of responses) expect((await response.json()).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    const errors = log.lines().filter((line) => line.level >= ERROR && line.msg === 'unexpected error');
    expect(errors.map((line) => line.requestId)).toEqual(responses.map((response) => response.headers.get('x-request-id')));
    const failed = accessLines(log.lines()).filter((line) => line.status === 500);
    expect(failed.map((line) => [line.level, line.operation, line.outcome])).toEqual([
      [ERROR, 'Create', 'INTERNAL_SERVER_ERROR'],
      [ERROR, 'Projects', 'INTERNAL_SERVER_ERROR'],
    ]);
  });
});
