/**
 * `npm run bench:smoke`: the benchmark script runs end to end with tiny settings, every workload
 * answers as it should (run.ts checks each answer before measuring), and every figure the README
 * quotes is written. No timing is asserted here: speed is measured by `npm run bench`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const RATIOS = ['w2_vs_postgraphile', 'w2_vs_tuned_yoga', 'floor_vs_w2', 'cold_scale_1m_vs_100k', 'cold_vs_warm', 'page_100k_vs_20', 'token_vs_anonymous', 'leasing_vs_token'];

describe('npm run bench -- --tiny', () => {
  it('measures every workload on gateway and PostgreSQL CPU and writes results.json', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scopegate-bench-smoke-'));
    try {
      const out = path.join(dir, 'results.json');
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--tiny'], {
        cwd: root,
        // Two rounds: the second starts every server afresh (restartServer).
        env: { ...process.env, BENCH_OUT: out, BENCH_ROUNDS: '2', BENCH_DURATION_S: '0.3', BENCH_WARMUP_S: '0.1', BENCH_REVOCATIONS: '3' },
        maxBuffer: 10 * 1024 * 1024,
        // Before the test's own timeout, so that a hung run is stopped and cleans up after itself.
        timeout: 170_000,
      });
      expect(stdout).toMatch(/\| workload \| req\/s .*\| PostgreSQL CPU µs\/req \|/);
      const results = JSON.parse(await readFile(out, 'utf8'));
      expect(Object.keys(results.ratios).sort()).toEqual([...RATIOS].sort());
      // Every ratio is measured: W6 too, since Query.devices takes `first`.
      expect(results.pending ?? {}).toEqual({});
      for (const key of RATIOS) {
        expect(results.ratios[key], key).toBeGreaterThan(0);
        // A ratio is the median of the rounds' ratios: with two rounds, their mean.
        const [first, second] = results.roundRatios[key].byRound;
        expect(results.ratios[key]).toBeCloseTo((first + second) / 2, 2);
      }
      expect(results.rss_mb_1m).toBeGreaterThan(0);
      expect(results.revocation_p99_ms).toBeGreaterThan(0);
      expect(results.machine.loadAverageBeforeRound).toHaveLength(2);
      const workloads = results.workloads as Record<string, { non2xx: number; requests: number; dbCpuUsPerRequest: { median: number } }>;
      expect(Object.keys(workloads)).toHaveLength(13);
      for (const [name, workload] of Object.entries(workloads)) {
        expect(workload.non2xx, name).toBe(0);
        expect(workload.dbCpuUsPerRequest.median, name).toBeGreaterThanOrEqual(0);
      }
      // Not per workload: on a loaded machine a slow server may finish nothing in a quarter-second
      // slice, and that is a speed, which this test does not judge. Each answer was checked by
      // run.ts before measuring (it stops on a wrong one).
      expect(Object.values(workloads).reduce((n, w) => n + w.requests, 0)).toBeGreaterThan(0);
      // The backends serving the servers are found: PostgreSQL's CPU is counted somewhere.
      const dbCpu = Object.values(workloads).reduce((sum, w) => sum + w.dbCpuUsPerRequest.median, 0);
      expect(dbCpu).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
