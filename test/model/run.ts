/**
 * `npm run test:model -- --runs N [--ops N] [--seed S] [--survey]`:
 * the differential model test with another budget. Options become the environment variables
 * differential.test.ts reads (MODEL_RUNS, MODEL_OPS, MODEL_SEED, MODEL_SURVEY).
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    ops: { type: 'string' },
    seed: { type: 'string' },
    survey: { type: 'boolean' },
  },
});
for (const key of ['runs', 'ops', 'seed'] as const) {
  if (values[key] !== undefined && !/^-?\d+$/.test(values[key])) throw new Error(`--${key} takes a whole number, got ${values[key]}`);
}
const env = {
  ...process.env,
  ...(values.runs ? { MODEL_RUNS: values.runs } : {}),
  ...(values.ops ? { MODEL_OPS: values.ops } : {}),
  ...(values.seed ? { MODEL_SEED: values.seed } : {}),
  ...(values.survey ? { MODEL_SURVEY: '1' } : {}),
};
const child = spawn('npx', ['vitest', 'run', 'test/model'], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
