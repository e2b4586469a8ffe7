/** `npm run db:migrate`: applies prisma/migrations to DATABASE_URL, offline. */
import { applyMigrations } from '../src/db/migrate.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set. (npm start migrates its embedded database by itself.)');
  process.exit(2);
}
const applied = await applyMigrations(url);
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
