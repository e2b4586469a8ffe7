/**
 * METRICS_PORT as an operator uses it: a real gateway process, a second listener on HOST that
 * Prometheus scrapes without a token, and the main port that does not serve /metrics at all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { isolatedDatabase, TEST_KEY_SECRET } from '../helpers/gateway.js';
import { freePort, startProcess, stopProcess } from '../helpers/servers.js';
import { parseMetrics } from './ops-gateway.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

describe('METRICS_PORT', () => {
  it('serves GET /metrics without a token on its own port, bound to HOST, and nothing else; the main port answers 404', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-metrics-port-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const metricsPort = await freePort();
    const gateway = startProcess(['--import', 'tsx', 'src/server.ts'], {
      DATABASE_URL: await isolatedDatabase(),
      SCOPEGATE_DATA_DIR: dataDir,
      SCOPEGATE_KEY_SECRET: TEST_KEY_SECRET,
      SCOPEGATE_ADMIN_PASSWORD: 'a long password for the metrics port test',
      SCOPEGATE_METRICS_TOKEN: '',
      METRICS_PORT: String(metricsPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    });
    cleanups.push(() => stopProcess(gateway.child, 'SIGKILL'));
    const base = await gateway.base;
    await vi.waitFor(() => expect(gateway.output()).toContain(`metrics on http://127.0.0.1:${metricsPort}/metrics`), { timeout: 5_000 });

    const viewer = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Viewer { viewer { authMethod } }' }),
    });
    expect(viewer.status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(404);

    const scraped = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseMetrics(await scraped.text());
    expect(samples.get('scopegate_requests_total{route="graphql",operation="Viewer",outcome="ok"}')).toBe(1);
    expect(samples.get('scopegate_invalidation_listener_up')).toBe(1);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/graphql`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status).toBe(404);

    // The listener stops with the gateway: SIGTERM still ends the process cleanly.
    expect(await stopProcess(gateway.child)).toBe(0);
    await expect(fetch(`http://127.0.0.1:${metricsPort}/metrics`)).rejects.toThrow();
  });
});
