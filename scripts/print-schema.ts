/** Writes schema.graphql from the code-first schema. `--check` fails if the file is stale. */
import { readFile, writeFile } from 'node:fs/promises';
import { printedSchema, schemaFile } from './printed-schema.js';

const printed = printedSchema();
if (process.argv.includes('--check')) {
  const current = await readFile(schemaFile, 'utf8').catch(() => '');
  if (current !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:print`.');
    process.exit(1);
  }
} else {
  await writeFile(schemaFile, printed);
  console.log('wrote schema.graphql');
}
