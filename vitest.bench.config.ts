import { defineConfig } from 'vitest/config';

// The benchmark smoke test loads the machine; it runs on its own, after the main suite, so it
// cannot disturb the timing-sensitive tests (revocation within a second, races).
export default defineConfig({
  test: { include: ['test/bench/**/*.test.ts'], pool: 'forks', testTimeout: 180_000 },
});
