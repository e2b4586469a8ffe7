/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the database
 * from the last migration to prisma/schema.prisma, offline.
 *
 *   npm run db:new-migration -- add_device_tags
 *
 * The WebAssembly engine cannot introspect a live database through the pg adapter (it fails on
 * PostgreSQL's internal "char" columns), so each migration folder keeps the schema.prisma it was
 * made from, and the next migration is the diff between that snapshot and the current schema.
 * The new migrations are then replayed into a throwaway embedded PostgreSQL to prove they apply.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { applyMigrations } from '../src/db/migrate.js';
import { emptyFilters, migrationsDir, openSchemaEngine, readMigrations, schemaPath } from '../src/db/schema-engine.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:new-migration -- <name_in_snake_case>');
  process.exit(2);
}

const migrations = await readMigrations();
const last = migrations.at(-1);
const snapshotPath = last && path.join(migrationsDir, last.name, 'schema.prisma');
const from = snapshotPath
  ? { tag: 'schemaDatamodel', files: [{ path: snapshotPath, content: await readFile(snapshotPath, 'utf8') }] }
  : { tag: 'empty' };

const tmp = await mkdtemp(path.join(os.tmpdir(), 'scopegate-migration-'));
const db = await startEmbeddedPostgres(tmp, { persistent: false });
let exitCode = 0;
try {
  const engine = await openSchemaEngine(db.url);
  const { stdout } = await engine.diff({
    from,
    to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] },
    script: true,
    exitCode: null,
    filters: emptyFilters,
  });
  await engine.close();
  if (/^-- This is an empty migration/.test(stdout.trim()) || !stdout.trim()) {
    console.log('prisma/schema.prisma matches the last migration; nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'migration.sql'), stdout);
    await copyFile(schemaPath, path.join(dir, 'schema.prisma'));
    const applied = await applyMigrations(db.url);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql (replayed ${applied.length} migrations)`);
  }
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await db.stop();
  await rm(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
