/**
 * CI federation: trust policies and the RFC 8693 exchange of external OIDC tokens, against a fake
 * issuer that serves its JWKS over real HTTP on loopback.
 */
import { createHmac } from 'node:crypto';
import { decodeJwt, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { claimsMatch, claimsProblem, ExternalJwtVerifier, jwksUriProblem } from '../../src/auth/federation.js';
import { execute } from '../helpers/execute.js';
import { addMember, createDevice, createProject, createUser } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';
import { startIssuer } from '../helpers/oidc-issuer.js';
import { listen } from '../helpers/servers.js';
import { federatedExchange, JWT_TOKEN_TYPE } from '../helpers/token-endpoint.js';

const { gateway, prisma } = await setupGateway({ env: { SCOPEGATE_FEDERATION_ALLOW_INSECURE: '1' } });
const issuer = await startIssuer('shared-kid');
// Another issuer whose key happens to carry the same kid.
const stranger = await startIssuer('shared-kid');

const AUDIENCE = 'https://scopegate.example.com';
const REPO_CLAIMS = { repository: 'acme/firmware', ref: 'refs/heads/main', repository_owner: 'acme' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad-hoc operations of every shape
const gql = (query: string, variables: Record<string, unknown>, credential: { session: string } | { token: string }) => execute<any, unknown>(gateway, query, variables, credential);

/** `resource` names the project whose policies are tried (undefined leaves the parameter out). */
const exchange = (subjectToken: string, resource: string | undefined, extra: Record<string, string> = {}) => federatedExchange(gateway, subjectToken, resource, extra);

const CreatePolicy = `mutation($input: CreateTrustPolicyInput!) { createTrustPolicy(input: $input) { id token { id } grants { entity action projectId deviceId } } }`;

async function world(claims: Record<string, string> = { repository: 'acme/firmware', ref: 'refs/heads/*' }, maxLifetimeSeconds = 900, trusted = issuer) {
  const owner = await createUser(prisma);
  const project = await createProject(prisma, owner.id);
  const device = await createDevice(prisma, project.id);
  const created = await gql(
    CreatePolicy,
    {
      input: {
        name: 'firmware CI',
        issuer: trusted.issuer,
        jwksUri: trusted.jwksUri,
        audience: AUDIENCE,
        claims,
        projectId: project.id,
        grants: [{ entity: 'DEVICE', action: 'WRITE' }],
        apiMethods: ['Query.devices', 'Mutation.updateDevice', 'Query.viewer'],
        maxLifetimeSeconds,
      },
    },
    { session: owner.session },
  );
  const policy = created.expectData().createTrustPolicy as { id: string; token: { id: string } };
  return { owner, project, device, policy };
}

const outcomes = async (policyId: string | null, subject?: string) =>
  (await prisma.federationExchange.findMany({ where: policyId ? { policyId } : { subject }, orderBy: { createdAt: 'asc' } })).map((e) => e.outcome);

describe('claim matching', () => {
  it('matches exact strings and globs where * stops at / and ** crosses it', () => {
    expect(claimsMatch({ sub: 'repo:acme/app:ref:refs/heads/main' }, { sub: 'repo:acme/app:ref:refs/heads/main' })).toBe('ok');
    expect(claimsMatch({ repository: 'acme/*' }, { repository: 'acme/app' })).toBe('ok');
    expect(claimsMatch({ repository: 'acme/*' }, { repository: 'acme/app/extra' })).toBe('claims_mismatch');
    expect(claimsMatch({ repository: 'acme/*' }, { repository: 'acme-evil/app' })).toBe('claims_mismatch');
    expect(claimsMatch({ ref: 'refs/heads/**' }, { ref: 'refs/heads/release/1.2' })).toBe('ok');
    expect(claimsMatch({ ref: 'refs/heads/[mr]*' }, { ref: 'refs/heads/release' })).toBe('ok');
    // An exact pattern is compared as a string, not as a glob of itself.
    expect(claimsMatch({ repository: 'acme/app' }, { repository: 'acme/app2' })).toBe('claims_mismatch');
  });

  it('refuses missing claims and values that are not strings', () => {
    expect(claimsMatch({ environment: 'prod*' }, {})).toBe('missing_claim');
    expect(claimsMatch({ run_attempt: '1' }, { run_attempt: 1 })).toBe('missing_claim');
    expect(claimsMatch({ repository: 'acme/*' }, { repository: ['acme/app'] })).toBe('missing_claim');
  });

  it('never matches a value longer than 256 characters, so a glob has bounded work', () => {
    expect(claimsMatch({ repository: 'acme/*' }, { repository: `acme/${'a'.repeat(251)}` })).toBe('ok');
    expect(claimsMatch({ repository: 'acme/*' }, { repository: `acme/${'a'.repeat(252)}` })).toBe('claim_too_long');
  });

  it('refuses patterns that backtrack (more than 3 wildcards, braces, extglobs)', () => {
    expect(claimsProblem({ repository: `${'*a'.repeat(11)}*b` })).toMatch(/at most 3 wildcards/);
    expect(claimsProblem({ repository: '*a*a?a*' })).toMatch(/at most 3 wildcards/);
    expect(claimsProblem({ repository: 'a**/b*/c*' })).toBeUndefined();
    for (const pattern of ['refs/heads/{main,release}', 'acme/+(a|b)', 'acme/@(x)', '!acme/*', 'acme/(x)']) {
      expect({ pattern, problem: claimsProblem({ repository: pattern }) }).toEqual({ pattern, problem: expect.stringMatching(/not supported/) });
    }
    // `@` outside an extglob is literal, as in GitHub's job_workflow_ref.
    expect(claimsProblem({ job_workflow_ref: 'acme/ci/.github/workflows/build.yml@refs/heads/*' })).toBeUndefined();
  });

  it('refuses policies that would match anything', () => {
    expect(claimsProblem({})).toMatch(/at least one claim/);
    expect(claimsProblem({ repository: '*' })).toMatch(/matches anything/);
    expect(claimsProblem({ repository: 3 })).toMatch(/non-empty string/);
    expect(claimsProblem(['repository'])).toMatch(/object/);
    expect(claimsProblem({ repository: 'acme/*' })).toBeUndefined();
    for (const pattern of ['**', '**/*', '**/**', '**/?']) expect({ pattern, problem: claimsProblem({ repository: pattern }) }).toEqual({ pattern, problem: expect.stringMatching(/matches anything/) });
  });

  it('fetches keys over https only, or http on loopback when allowed', () => {
    expect(jwksUriProblem('https://token.actions.githubusercontent.com/.well-known/jwks', false)).toBeUndefined();
    expect(jwksUriProblem('http://127.0.0.1:8080/jwks', false)).toMatch(/https/);
    expect(jwksUriProblem('http://127.0.0.1:8080/jwks', true)).toBeUndefined();
    expect(jwksUriProblem('http://10.0.0.5/jwks', true)).toMatch(/loopback/);
    expect(jwksUriProblem('https://user:pw@example.com/jwks', false)).toMatch(/credentials/);
    expect(jwksUriProblem('https://10.0.0.5/jwks', false)).toMatch(/public host/);
    expect(jwksUriProblem('https://[::1]/jwks', false)).toMatch(/public host/);
    expect(jwksUriProblem('https://169.254.169.254/jwks', true)).toMatch(/public host/);
  });
});

describe('exchanging an external OIDC token (RFC 8693)', () => {
  it('issues a scopegate JWT with the policy grants for a matching claim set', async () => {
    const w = await world();
    const external = await issuer.sign({ ...REPO_CLAIMS, aud: AUDIENCE, sub: 'repo:acme/firmware:ref:refs/heads/main' });
    const answer = await exchange(external, w.project.id);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ issued_token_type: JWT_TOKEN_TYPE, token_type: 'Bearer', scope: `device:write:${w.project.id}` });
    expect(answer.body.expires_in).toBeGreaterThan(250);
    expect(answer.body.expires_in).toBeLessThanOrEqual(300);
    const claims = decodeJwt(answer.body.access_token);
    expect(claims).toMatchObject({ tid: w.policy.token.id, sub: `project:${w.project.id}` });
    // The JWT acts with the policy's grants and methods, and nothing else.
    const devices = await gql('query($p: ID!) { devices(projectId: $p) { nodes { id } } }', { p: w.project.id }, { token: answer.body.access_token });
    expect(devices.expectData().devices.nodes).toEqual([{ id: w.device.id }]);
    const viewer = await gql('{ viewer { authMethod } }', {}, { token: answer.body.access_token });
    expect(viewer.expectData().viewer.authMethod).toBe('EXCHANGED_JWT');
    const create = await gql('mutation($p: ID!) { createDevice(projectId: $p, name: "x") { id } }', { p: w.project.id }, { token: answer.body.access_token });
    expect(create.expectError('FORBIDDEN').extensions?.reason).toBe('METHOD_NOT_ALLOWED');
    expect(await outcomes(w.policy.id)).toEqual(['ISSUED']);
    const audit = await prisma.federationExchange.findFirstOrThrow({ where: { policyId: w.policy.id } });
    expect(audit).toMatchObject({ issuer: issuer.issuer, subject: 'repo:acme/firmware:ref:refs/heads/main' });
  });

  it('never outlives the external token, nor maxLifetimeSeconds', async () => {
    const w = await world({ repository: 'acme/lifetime' }, 120);
    const longLived = await issuer.sign({ repository: 'acme/lifetime', aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 });
    const capped = await exchange(longLived, w.project.id);
    expect(capped.body.expires_in).toBeLessThanOrEqual(120);
    const shortLived = await issuer.sign({ repository: 'acme/lifetime', aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 45 });
    const short = await exchange(shortLived, w.project.id);
    expect(short.status).toBe(200);
    expect(short.body.expires_in).toBeLessThanOrEqual(45);
    expect(decodeJwt(short.body.access_token).exp).toBeLessThanOrEqual(decodeJwt(shortLived).exp!);
  });

  it('narrows to a requested scope, and refuses a wider one with invalid_grant', async () => {
    const w = await world({ repository: 'acme/narrow' });
    const external = await issuer.sign({ repository: 'acme/narrow', aud: AUDIENCE });
    const narrowed = await exchange(external, w.project.id, { scope: `device:read:${w.project.id}:${w.device.id}` });
    expect(narrowed.body.scope).toBe(`device:read:${w.project.id}:${w.device.id}`);
    const wider = await exchange(external, w.project.id, { scope: `project:write:${w.project.id}` });
    expect(wider).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(await outcomes(w.policy.id)).toEqual(['ISSUED', 'invalid_scope']);
  });

  it('answers invalid_grant, and audits why, for every token that does not qualify', async () => {
    // An issuer of its own, so that no other test's policy is a candidate.
    const issuer = await startIssuer('shared-kid');
    const w = await world({ repository: 'acme/firmware', ref: 'refs/heads/*' }, 900, issuer);
    const { privateKey: unknownKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const run = crypto.randomUUID();
    const good = (n: number) => ({ ...REPO_CLAIMS, aud: AUDIENCE, sub: `${run}-${n}` });
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', kid: issuer.kid, typ: 'JWT' })}.${b64({ ...good(6), iss: issuer.issuer, iat: now, exp: now + 300 })}.`;
    // HS256 with the issuer's public key as the HMAC secret: the classic algorithm confusion.
    const pem = await exportSPKI(issuer.publicKey);
    const hsInput = `${b64({ alg: 'HS256', kid: issuer.kid, typ: 'JWT' })}.${b64({ ...good(7), iss: issuer.issuer, iat: now, exp: now + 300 })}`;
    const confused = `${hsInput}.${createHmac('sha256', pem).update(hsInput).digest('base64url')}`;
    const cases: [string, string, string][] = [
      ['a different repository', await issuer.sign({ ...good(0), repository: 'acme/website' }), 'claims_mismatch'],
      ['a branch the glob does not reach', await issuer.sign({ ...good(1), ref: 'refs/heads/feature/x' }), 'claims_mismatch'],
      ['a missing claim', await issuer.sign({ aud: AUDIENCE, repository: 'acme/firmware', sub: `${run}-2` }), 'missing_claim'],
      ['a wrong audience', await issuer.sign({ ...good(3), aud: 'https://other.example.com' }), 'audience'],
      ['an expired token', await issuer.sign({ ...good(4), iat: now - 900, exp: now - 600 }), 'expired'],
      ['a token not valid yet', await issuer.sign({ ...good(5), iat: now, nbf: now + 600 }), 'not_yet_valid'],
      ['alg none', unsigned, 'algorithm'],
      ['HS256 signed with the public key', confused, 'algorithm'],
      ['an unknown kid', await issuer.sign(good(8), { kid: 'rotated-away', key: unknownKey }), 'unknown_kid'],
      ["the trusted issuer's name on a stranger's key with the same kid", await issuer.sign(good(9), { key: stranger.privateKey }), 'signature'],
      ['another issuer', await stranger.sign(good(10)), 'unknown_issuer'],
    ];
    for (const [i, [what, token, reason]] of cases.entries()) {
      const answer = await exchange(token, w.project.id);
      expect({ what, ...answer }).toEqual({ what, status: 400, body: { error: 'invalid_grant' } });
      expect({ what, outcomes: await outcomes(null, `${run}-${i}`) }).toEqual({ what, outcomes: [reason] });
    }
    const before = new Date();
    expect(await exchange('not-a-jwt', w.project.id)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect(await prisma.federationExchange.count({ where: { outcome: 'malformed', issuer: null, createdAt: { gte: before } } })).toBeGreaterThan(0);
    // Refusals are audited with the policy they got furthest with.
    expect(await outcomes(w.policy.id)).toContain('claims_mismatch');
  });

  it('never fetches keys from a private address, named by IP or by a host name that resolves there', async () => {
    const trust = { issuer: 'https://ci.example.com', audience: AUDIENCE };
    const jwt = await issuer.sign({ aud: AUDIENCE }, { iss: 'https://ci.example.com' });
    const port = new URL(issuer.jwksUri).port;
    const byName = `http://localhost:${port}/.well-known/jwks`;
    const byAddress = `http://127.0.0.1:${port}/.well-known/jwks`;
    // The same issuer, reachable, fails only for the address check: plain http is allowed to both.
    const checked = new ExternalJwtVerifier(true, 0, false);
    const unchecked = new ExternalJwtVerifier(true, 0, true);
    for (const jwksUri of [byName, byAddress]) {
      expect(await checked.verify({ ...trust, jwksUri }, jwt)).toEqual({ ok: false, reason: 'jwks_unavailable' });
      expect(await unchecked.verify({ ...trust, jwksUri }, jwt)).toMatchObject({ ok: true });
    }
  });

  it('refetches the JWKS for an unknown kid once the cooldown allows, and not for every forged kid', async () => {
    const rotating = await startIssuer('old');
    const trust = { issuer: rotating.issuer, jwksUri: rotating.jwksUri, audience: AUDIENCE };
    const claims = { repository: 'acme/r', aud: AUDIENCE };
    const patient = new ExternalJwtVerifier(true);
    expect((await patient.verify(trust, await rotating.sign(claims))).ok).toBe(true);
    expect(rotating.fetches()).toBe(1);
    for (let i = 0; i < 5; i++) expect(await patient.verify(trust, await rotating.sign(claims, { kid: `forged-${i}` }))).toEqual({ ok: false, reason: 'unknown_kid' });
    // Within the cooldown a flood of unknown kids costs the issuer nothing.
    expect(rotating.fetches()).toBe(1);
    // With the cooldown over (0 here, 30 s in the gateway), a new kid is looked up once.
    const eager = new ExternalJwtVerifier(true, 0);
    expect((await eager.verify(trust, await rotating.sign(claims))).ok).toBe(true);
    const newKey = await rotating.addKey('new');
    expect((await eager.verify(trust, await rotating.sign(claims, { kid: 'new', key: newKey }))).ok).toBe(true);
    expect(rotating.fetches()).toBe(3);
  });

  it('requires resource: invalid_request without it, invalid_target when it names no project', async () => {
    const w = await world({ repository: 'acme/resource' });
    const external = await issuer.sign({ repository: 'acme/resource', aud: AUDIENCE });
    expect((await exchange(external, undefined)).body.error).toBe('invalid_request');
    expect((await exchange(external, 'acme')).body.error).toBe('invalid_target');
    // Another project (which exists) has no policy: the same invalid_grant as every refusal.
    const other = await createProject(prisma, w.owner.id);
    expect(await exchange(external, other.id)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect((await exchange(external, w.project.id)).status).toBe(200);
  });

  it('remembers a JWKS that failed to load for 30 s instead of asking it on every exchange', async () => {
    let requests = 0;
    const { url } = await listen((_request, response) => {
      requests += 1;
      response.writeHead(503).end();
    });
    const trust = { issuer: issuer.issuer, jwksUri: url.replace(/\/graphql$/, '/jwks'), audience: AUDIENCE };
    const verifier = new ExternalJwtVerifier(true, 0);
    const jwt = await issuer.sign({ aud: AUDIENCE });
    const start = new Date();
    expect(await verifier.verify(trust, jwt, start)).toEqual({ ok: false, reason: 'jwks_unavailable' });
    expect(await verifier.verify(trust, jwt, new Date(start.getTime() + 29_000))).toEqual({ ok: false, reason: 'jwks_unavailable' });
    expect(requests).toBe(1);
    await verifier.verify(trust, jwt, new Date(start.getTime() + 31_000));
    expect(requests).toBe(2);
  });

  it('kills issued JWTs when the policy is edited, and refuses everything once it is deleted', async () => {
    const w = await world({ repository: 'acme/edited' });
    const external = await issuer.sign({ repository: 'acme/edited', aud: AUDIENCE });
    const jwt = (await exchange(external, w.project.id)).body.access_token as string;
    const Viewer = '{ viewer { authMethod } }';
    expect((await gql(Viewer, {}, { token: jwt })).status).toBe(200);
    const updated = await gql('mutation($id: ID!) { updateTrustPolicy(id: $id, input: { maxLifetimeSeconds: 300 }) { maxLifetimeSeconds } }', { id: w.policy.id }, { session: w.owner.session });
    expect(updated.expectData().updateTrustPolicy.maxLifetimeSeconds).toBe(300);
    expect((await gql(Viewer, {}, { token: jwt })).status).toBe(401);
    const again = (await exchange(external, w.project.id)).body.access_token as string;
    expect((await gql(Viewer, {}, { token: again })).status).toBe(200);
    const deleted = await gql('mutation($id: ID!) { deleteTrustPolicy(id: $id) }', { id: w.policy.id }, { session: w.owner.session });
    expect(deleted.expectData().deleteTrustPolicy).toBe(true);
    expect((await gql(Viewer, {}, { token: again })).status).toBe(401);
    expect(await exchange(external, w.project.id)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const token = await prisma.accessToken.findUniqueOrThrow({ where: { id: w.policy.token.id } });
    expect(token.revokeReason).toBe('trust policy deleted');
  });

  it("does not let the policy's token be edited, regenerated or copied as a token", async () => {
    const w = await world({ repository: 'acme/guarded' });
    const regenerate = await gql('mutation($id: ID!, $p: String!) { regenerateToken(id: $id, password: $p) { secret } }', { id: w.policy.token.id, p: 'correct horse battery staple' }, { session: w.owner.session });
    expect(regenerate.expectError('BAD_USER_INPUT').message).toMatch(/trust policy/);
  });
});

describe('managing trust policies', () => {
  it("lists a project's policies to its OWNERs, and every policy to admins", async () => {
    const w = await world({ repository: 'acme/listed' });
    const admin = await createUser(prisma, { role: 'ADMIN' });
    const editor = await createUser(prisma);
    await addMember(prisma, w.project.id, editor.id, 'EDITOR');
    const List = 'query($p: ID, $last: Int) { trustPolicies(projectId: $p, last: $last) { nodes { id claims grants { entity action } exchanges { outcome } } } }';
    expect((await gql(List, { p: w.project.id }, { session: w.owner.session })).expectData().trustPolicies.nodes.map((p: { id: string }) => p.id)).toEqual([w.policy.id]);
    // Oldest first, in a database other files share: the newest page holds this test's policy.
    expect((await gql(List, { last: 100 }, { session: admin.session })).expectData().trustPolicies.nodes.map((p: { id: string }) => p.id)).toContain(w.policy.id);
    expect((await gql(List, {}, { session: editor.session })).expectData().trustPolicies.nodes).toEqual([]);
    expect((await gql(List, { p: w.project.id }, { session: editor.session })).expectError('FORBIDDEN'));
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const base = { name: 'x', issuer: issuer.issuer, jwksUri: issuer.jwksUri, audience: AUDIENCE, claims: { repository: 'a/b' }, projectId: project.id, grants: [{ entity: 'DEVICE', action: 'READ' }], maxLifetimeSeconds: 600 };
    const bad: [Record<string, unknown>, string][] = [
      [{ claims: {} }, 'claims'],
      [{ claims: { repository: '**' } }, 'claims'],
      [{ jwksUri: 'http://example.com/jwks' }, 'jwksUri'],
      [{ maxLifetimeSeconds: 86_400 }, 'maxLifetimeSeconds'],
      [{ grants: [] }, 'grants'],
      [{ audience: 'two words' }, 'audience'],
    ];
    for (const [change, field] of bad) {
      const answer = await gql(CreatePolicy, { input: { ...base, ...change } }, { session: owner.session });
      expect({ field, got: answer.expectError('BAD_USER_INPUT').extensions?.field }).toEqual({ field, got: field });
    }
    expect(await prisma.trustPolicy.count({ where: { projectId: project.id } })).toBe(0);
    expect(await prisma.accessToken.count({ where: { projectId: project.id } })).toBe(0);
  });
});
