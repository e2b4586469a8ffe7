import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { emptyFilters, migrationsDir, migrationsList, openSchemaEngine, readMigrations } from './schema-engine.js';

/**
 * Applies prisma/migrations to the database exactly as `prisma migrate deploy` would, recording
 * them in `_prisma_migrations`, but through the WebAssembly engine so no network is needed.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const migrations = await readMigrations();
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
