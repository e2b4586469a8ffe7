/**
 * The benchmark script runs end to end with tiny settings and writes every figure the README
 * quotes. No timing is asserted here: speed is measured by `npm run bench`, not by tests.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm run bench -- --tiny', () => {
  it('measures every workload and writes results.json', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-bench-smoke-'));
    try {
      const out = path.join(dir, 'results.json');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--tiny'], {
        cwd: root,
        // Two rounds: the second starts every server afresh (restartServer).
        env: { ...process.env, BENCH_OUT: out, BENCH_ROUNDS: '2', BENCH_DURATION_S: '0.3', BENCH_WARMUP_S: '0.1', BENCH_SCALE: '3000', BENCH_REVOCATIONS: '3' },
        maxBuffer: 10 * 1024 * 1024,
        // Before the test's own timeout, so that a hung run is stopped and cleans up after itself.
        timeout: 170_000,
      });
      expect(stdout).toMatch(/\| workload \| req\/s/);
      const results = JSON.parse(await readFile(out, 'utf8'));
      for (const key of ['token_vs_anonymous', 'token_vs_naive', 'token_vs_naive_body_limit_off', 'scale_1m_vs_1k']) expect(results.ratios[key]).toBeGreaterThan(0);
      // A ratio is the median of the rounds' ratios: with two rounds, their mean.
      const [first, second] = results.roundRatios.token_vs_anonymous.byRound;
      expect(results.roundRatios.token_vs_anonymous.byRound).toHaveLength(2);
      expect(results.ratios.token_vs_anonymous).toBeCloseTo((first + second) / 2, 2);
      expect(results.rss_mb_1m).toBeGreaterThan(0);
      expect(results.revocation_p99_ms).toBeGreaterThan(0);
      expect(Object.keys(results.workloads)).toHaveLength(10);
      for (const workload of Object.values(results.workloads) as { non2xx: number; rps: { median: number } }[]) {
        expect(workload.non2xx).toBe(0);
        expect(workload.rps.median).toBeGreaterThan(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
