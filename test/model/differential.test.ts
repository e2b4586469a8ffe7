/**
 * Issue 16's differential test: random worlds and operations, run against the real gateway on
 * PostgreSQL and against the reference model (model.ts); every answer and the database state
 * after every operation must agree. `npm run test:model -- --runs N` runs longer (run.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setupGateway } from '../helpers/gateway.js';
import { ops, worldSpec } from './arbitraries.js';
import { REGRESSIONS } from './regressions.js';
import { Mismatch, runCase } from './world.js';

const RUNS = Number(process.env.MODEL_RUNS || 200);
const OPS = Number(process.env.MODEL_OPS || 30);
const SEED = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : undefined;
/** Survey mode: run every world to its first mismatch and report them grouped, without shrinking. */
const SURVEY = Boolean(process.env.MODEL_SURVEY);
/** About four times what a passing run needs alone on 2 cores (0.2 s a world); the rest is for shrinking a failure. */
const BUDGET_MS = Math.max(240_000, RUNS * 1_500);

// The model has no rate limits: lift them so that thousands of requests from one process pass.
// A database of its own: an admin's project list is read as its newest page, which other files' projects would crowd.
const t = await setupGateway({
  isolated: true,
  env: {
    SCOPEGATE_FAILED_AUTH_LIMIT_PER_IP: '1000000',
    SCOPEGATE_LOGIN_LIMIT_PER_IP: '1000000',
    SCOPEGATE_LOGIN_LIMIT_PER_ACCOUNT: '1000000',
    SCOPEGATE_TOKEN_REQUESTS_PER_MINUTE: '1000000',
  },
});

describe('the gateway agrees with the reference model', () => {
  it.each(REGRESSIONS)('$name', async ({ world, ops: fixed }) => {
    await runCase(t, world, fixed);
  });

  it.skipIf(SURVEY)(`on ${RUNS} random worlds x ${OPS} operations`, { timeout: BUDGET_MS + 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(worldSpec, ops(OPS), async (world, generated) => {
        await runCase(t, world, generated);
      }),
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: BUDGET_MS, markInterruptAsFailure: true },
    );
  });

  it.runIf(SURVEY)(`survey: ${RUNS} random worlds x ${OPS} operations, every kind of mismatch`, { timeout: BUDGET_MS + 60_000 }, async () => {
    const cases = fc.sample(fc.tuple(worldSpec, ops(OPS)), { numRuns: RUNS, seed: SEED });
    const kinds = new Map<string, { count: number; first: string }>();
    const tally = { outcomes: new Map<string, number>() };
    const started = Date.now();
    for (const [world, generated] of cases) {
      try {
        await runCase(t, world, generated, tally);
      } catch (error) {
        const signature = error instanceof Mismatch ? error.signature : `crash: ${String(error).split('\n')[0]}`;
        const kind = kinds.get(signature) ?? { count: 0, first: error instanceof Error ? (error.stack ?? error.message) : String(error) };
        kind.count++;
        kinds.set(signature, kind);
      }
    }
    const report = [...kinds].sort((a, b) => b[1].count - a[1].count).map(([signature, k]) => `${k.count} x ${signature}\n${k.first}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const agreed = [...tally.outcomes.values()].reduce((a, b) => a + b, 0);
    const outcomes = [...tally.outcomes].sort((a, b) => a[0].localeCompare(b[0])).map(([o, n]) => `${String(n).padStart(5)} ${o}`);
    console.log(`${agreed} operations agreed in ${seconds} s:\n${outcomes.join('\n')}`);
    console.log(`${kinds.size} kinds of mismatch in ${RUNS} worlds:\n\n${report.join('\n\n')}`);
    expect([...kinds.keys()]).toEqual([]);
  });
});
