import { describe, expect, it } from 'vitest';
import { execute } from '../helpers/execute.js';
import { createProject, createUser, PASSWORD } from '../helpers/factories.js';
import { setupGateway } from '../helpers/gateway.js';

const { gateway, prisma } = await setupGateway();

describe('a mutation request is one transaction', () => {
  it('commits every field when the whole answer has no error', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id, 'before');
    const done = await execute(
      gateway,
      'mutation($p: ID!) { updateProject(id: $p, name: "after") { name } createDevice(projectId: $p, name: "new") { name } }',
      { p: project.id },
      { session: owner.session },
    );
    expect(done.expectData()).toEqual({ updateProject: { name: 'after' }, createDevice: { name: 'new' } });
    expect(await prisma.device.count({ where: { projectId: project.id } })).toBe(1);
  });

  it('keeps nothing when a later field fails, even on bad input', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id, 'before');
    const failed = await execute(
      gateway,
      'mutation($p: ID!) { updateProject(id: $p, name: "after") { name } createDevice(projectId: $p, name: "") { name } }',
      { p: project.id },
      { session: owner.session },
    );
    expect(failed.expectError('BAD_USER_INPUT').path).toEqual(['createDevice']);
    expect(failed.body.data).toBeNull();
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).name).toBe('before');
  });

  it('login stands alone: its attempt counters live outside the transaction', async () => {
    const user = await createUser(prisma);
    const mixed = await execute(gateway, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } createProject(name: "x") { id } }', { e: user.email, p: PASSWORD });
    expect(mixed.expectError('BAD_USER_INPUT').message).toMatch(/login must be the only field/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it('more concurrent mutations than pooled connections all finish', async () => {
    const owner = await createUser(prisma);
    const project = await createProject(prisma, owner.id);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        execute(gateway, 'mutation($p: ID!, $n: String!) { createDevice(projectId: $p, name: $n) { id } }', { p: project.id, n: `d${i}` }, { session: owner.session }),
      ),
    );
    for (const answer of answers) answer.expectData();
    expect(await prisma.device.count({ where: { projectId: project.id } })).toBe(30);
  });
});
