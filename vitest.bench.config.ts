import { defineConfig } from 'vitest/config';

// `npm run bench:smoke`: the benchmark's smoke test loads the machine, so it runs on its own
// (CI runs it after `npm test`), never beside the timing-sensitive tests (revocation within a
// second, races).
export default defineConfig({
  test: { include: ['test/bench/**/*.test.ts'], pool: 'forks', testTimeout: 180_000 },
});
