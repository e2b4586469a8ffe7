import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * Prisma's schema engine, run from its WebAssembly build so that migrations need no download.
 * The package's entry imports the .wasm file as an ES module, which Node cannot do, so the
 * module is instantiated here by hand against the package's own JS glue.
 */
const require = createRequire(import.meta.url);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const schemaPath = path.join(projectRoot, 'prisma/schema.prisma');
export const migrationsDir = path.join(projectRoot, 'prisma/migrations');

// The engine's methods take and return JSON-RPC shaped objects; they are typed `any` upstream.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface SchemaEngine {
  diff(params: any): Promise<{ exitCode: number; stdout: string }>;
  applyMigrations(params: any): Promise<{ appliedMigrationNames: string[] }>;
  /** Frees the engine and closes its connections, which releases its session advisory lock. */
  close(): Promise<void>;
}

// One instance per process: the glue module keeps views of the instance's memory, so a second
// instance behind the same (cached) glue would read the wrong memory.
let glue: Promise<any> | undefined;

function loadGlue(): Promise<any> {
  glue ??= (async () => {
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bindings = await import(pathToFileURL(gluePath).href);
    const bytes = await readFile(gluePath.replace(/\.js$/, '.wasm'));
    const module = await WebAssembly.compile(bytes);
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as any).__wbindgen_start?.();
    return bindings;
  })();
  return glue;
}

export async function openSchemaEngine(databaseUrl: string, log: (line: string) => void = () => {}): Promise<SchemaEngine> {
  const bindings = await loadGlue();
  const schema = await readFile(schemaPath, 'utf8');
  // Our own pool, so that closing it ends the session that holds the engine's migration lock;
  // otherwise a second gateway starting on the same database waits for that lock in vain.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const engine = await bindings.SchemaEngine.new({ datamodels: [[path.basename(schemaPath), schema]] }, log, adapterFactory);
  return {
    diff: (params) => engine.diff(params),
    applyMigrations: (params) => engine.applyMigrations(params),
    async close() {
      engine.free();
      await pool.end();
    },
  };
}

export interface MigrationDirectory {
  name: string;
  sql: string;
}

export async function readMigrations(dir = migrationsDir): Promise<MigrationDirectory[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => ({ name, sql: await readFile(path.join(dir, name, 'migration.sql'), 'utf8') })),
  );
}

export function migrationsList(migrations: MigrationDirectory[], lockfile: string, dir = migrationsDir) {
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: lockfile },
    shadowDbInitScript: '',
    migrationDirectories: migrations.map((m) => ({
      path: m.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok', value: m.sql } },
    })),
  };
}

export const emptyFilters = { externalTables: [], externalEnums: [] };
