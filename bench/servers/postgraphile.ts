/**
 * A peer a user would pick instead: PostGraphile 5 on the same database, its own JWT support
 * (the lazy-jwt preset: an HS256 JWT whose claims become `role` and `jwt.claims.*` settings) and
 * PostgreSQL row-level security (bench/seed.ts: the `bench_visitor` role sees the devices of the
 * projects its `jwt.claims.user_id` is a member of). Most of its work happens in PostgreSQL,
 * which is why the benchmark compares gateway plus database CPU.
 */
import { createServer } from 'node:http';

// PostGraphile 5 calls Promise.withResolvers, which Node 20 lacks; it is loaded after this.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((yes, no) => {
        resolve = yes;
        reject = no;
      });
      return { promise, resolve, reject };
    },
  });
}
const [{ postgraphile }, { PostGraphileAmberPreset }, { PgLazyJWTPreset }, { makePgService }, { grafserv }] = await Promise.all([
  import('postgraphile'),
  import('postgraphile/presets/amber'),
  import('postgraphile/presets/lazy-jwt'),
  import('postgraphile/adaptors/pg'),
  import('postgraphile/grafserv/node'),
]);

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset, PgLazyJWTPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL!, schemas: ['public'] })],
  schema: { pgJwtSecret: process.env.POSTGRAPHILE_JWT_SECRET! },
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
});
const server = createServer();
await pgl.createServ(grafserv).addTo(server);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => Promise.resolve(pgl.release()).then(() => process.exit(0))));
