import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node loads `main` for the gateway's
    // dependencies; vite would pick `module` for our sources, and two copies of graphql break
    // `instanceof GraphQLError`. One copy, as in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/bench/**', 'node_modules/**'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // argon2's native addon and embedded PostgreSQL child processes are happiest in forks.
    pool: 'forks',
    // Vitest's default is one fork fewer than the CPUs: one on 2 cores, where files spend much of
    // their time waiting on PostgreSQL, gateway processes and Chromium. Two overlap those waits
    // (on 2 cores: 275 s against 326 s for the suite).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A fresh fork per file imported the gateway's modules (Prisma's client, the Pothos schema)
    // 89 times, a third of the suite's time. Files share no module state they rely on: each
    // starts its own gateway and database. Shuffled file order passes as well.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
