import { defineConfig } from 'prisma/config';

// The CLI only needs a URL for commands that talk to a database (`prisma migrate deploy` where
// Prisma's engines can be downloaded). The gateway itself migrates offline: src/db/migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/scopegate' },
});
