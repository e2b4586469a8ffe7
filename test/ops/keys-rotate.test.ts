/**
 * `npm run keys:rotate` as an operator runs it: a real process against a real PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { setupGateway, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { root } from '../helpers/servers.js';

const { prisma, databaseUrl } = await setupGateway({ isolated: true });

function rotate(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'keys:rotate'], { cwd: root, env: { ...process.env, DATABASE_URL: '', SCOPEGATE_DATA_DIR: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run keys:rotate', () => {
  it('makes a new signing key that the gateways use next', async () => {
    const before = await prisma.signingKey.findMany({ select: { kid: true } });
    const run = await rotate({ DATABASE_URL: databaseUrl, SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const kid = /new signing key: (\S+)/.exec(run.stdout)?.[1];
    expect(kid).toBeDefined();
    expect(before.map((k) => k.kid)).not.toContain(kid);
    expect(await prisma.signingKey.findUnique({ where: { kid: kid! }, select: { retiredAt: true } })).toEqual({ retiredAt: null });
  });

  it('answers a bad setting with its message and exit code 2, having touched nothing', async () => {
    const before = await prisma.signingKey.count();
    const run = await rotate({ DATABASE_URL: databaseUrl, SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET, SCOPEGATE_WORKERS: 'many' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SCOPEGATE_WORKERS');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await prisma.signingKey.count()).toBe(before);
  });
});
