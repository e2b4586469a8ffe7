/**
 * SIGTERM stops accepting at once, lets requests in flight finish for at most
 * SCOPEGATE_SHUTDOWN_GRACE_MS, then closes what is left, flushes and exits 0.
 */
import { request, type ClientRequest } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { isolatedDatabase, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { startGateway, tempDir, useBuild } from './operator.js';

useBuild();

async function gatewayWithGrace(graceMs: number) {
  const gateway = startGateway({
    DATABASE_URL: await isolatedDatabase(),
    SCOPEGATE_DATA_DIR: await tempDir('shutdown'),
    SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET,
    SCOPEGATE_ADMIN_EMAIL: 'admin@shutdown.test',
    SCOPEGATE_ADMIN_PASSWORD: 'a long password for the shutdown tests',
    SCOPEGATE_SHUTDOWN_GRACE_MS: String(graceMs),
  });
  return { ...gateway, base: await gateway.base };
}

/**
 * A streaming upload whose headers the gateway has received (it answered `100 Continue`), with
 * the start of its body; the test decides when, or whether, the rest comes.
 */
async function uploadInFlight(base: string): Promise<{ req: ClientRequest; answer: Promise<{ status: number; body: string }> }> {
  const req = request(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', expect: '100-continue' },
  });
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (body += part));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
  });
  answer.catch(() => {});
  await new Promise<void>((resolve) => {
    req.once('continue', resolve);
    req.flushHeaders();
  });
  req.write('{"query":"{ viewer');
  return { req, answer };
}

/** Resolves once the gateway no longer accepts connections. */
async function refusesConnections(base: string): Promise<void> {
  await vi.waitFor(
    async () => {
      const error = await fetch(`${base}/graphql`).then(() => undefined, (e: Error) => e);
      expect((error?.cause as NodeJS.ErrnoException | undefined)?.code).toBe('ECONNREFUSED');
    },
    { timeout: 5_000, interval: 20 },
  );
}

describe.concurrent('SIGTERM', () => {
  it('stops accepting, answers the request in flight, and then exits without waiting out the grace period', async () => {
    const gateway = await gatewayWithGrace(60_000);
    const upload = await uploadInFlight(gateway.base);
    gateway.child.kill('SIGTERM');
    await refusesConnections(gateway.base);

    upload.req.end(' { authMethod } }"}');
    expect(await upload.answer).toEqual({ status: 200, body: '{"data":{"viewer":{"authMethod":"ANONYMOUS"}}}' });
    // The answered connection is closed at once, not kept alive for the next request: that
    // would hold the exit for keepAliveTimeout (5 s), and an active client for the whole grace period.
    const answered = Date.now();
    expect(await gateway.exited).toBe(0);
    expect(Date.now() - answered).toBeLessThan(2_500);
    expect(gateway.output()).toContain('SIGTERM: shutting down');
    expect(gateway.output()).not.toContain('closing their connections');
  });

  it('waits for a slow upload at most SCOPEGATE_SHUTDOWN_GRACE_MS, then closes it and exits 0', async () => {
    const graceMs = 2_000;
    const gateway = await gatewayWithGrace(graceMs);
    const upload = await uploadInFlight(gateway.base);
    const signalled = Date.now();
    gateway.child.kill('SIGTERM');
    await refusesConnections(gateway.base);

    expect(await gateway.exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeGreaterThanOrEqual(graceMs);
    // The connection's own limit (requestTimeout, 30 s) is not what ended it.
    expect(took).toBeLessThan(graceMs + 10_000);
    await expect(upload.answer).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(gateway.output()).toContain(`Requests still running after SCOPEGATE_SHUTDOWN_GRACE_MS (${graceMs} ms): closing their connections`);
  });
});
