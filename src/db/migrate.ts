import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { emptyFilters, migrationsDir, migrationsList, openSchemaEngine, readMigrations, type MigrationDirectory } from './schema-engine.js';

/**
 * True when every migration is already recorded as applied, with the same checksum that
 * `prisma migrate deploy` records. The usual restart then never loads the schema engine, whose
 * WebAssembly would otherwise stay in the gateway's memory (about 45 MB) for nothing.
 */
async function upToDate(databaseUrl: string, migrations: MigrationDirectory[]): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    return migrations.every((m) => applied.get(m.name) === createHash('sha256').update(m.sql).digest('hex'));
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return false; // no _prisma_migrations yet
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Applies prisma/migrations to the database exactly as `prisma migrate deploy` would, recording
 * them in `_prisma_migrations`, but through the WebAssembly engine so no network is needed.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrations = await readMigrations();
  if (await upToDate(databaseUrl, migrations)) return [];
  const lockfile = await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8');
  const engine = await openSchemaEngine(databaseUrl);
  try {
    const result = await engine.applyMigrations({
      migrationsList: migrationsList(migrations, lockfile),
      filters: emptyFilters,
    });
    return result.appliedMigrationNames;
  } finally {
    await engine.close();
  }
}
