/**
 * The floor: node:http and node-postgres, one named prepared statement, JSON.stringify. It reads
 * the request body and its `variables.p` (the project id), answers W2's first page of 20 in W2's
 * shape (data.devices.nodes), and checks no credential and no field: what the device page costs
 * with nothing but the transport, the query and the serialisation.
 */
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 10 });
// A named statement is parsed and planned once per connection, then only bound and executed.
const DEVICES = {
  name: 'floor_devices',
  text: 'SELECT "id", "name", "status", "metadata", "lastSeenAt", "createdAt" FROM "Device" WHERE "projectId" = $1 ORDER BY "createdAt", "id" LIMIT 20',
};

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let projectId: string;
    try {
      projectId = String(JSON.parse(Buffer.concat(chunks).toString()).variables.p);
    } catch {
      res.writeHead(400).end();
      return;
    }
    pool.query({ ...DEVICES, values: [projectId] }).then(
      ({ rows }) => {
        const body = JSON.stringify({ data: { devices: { nodes: rows } } });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      () => res.writeHead(500).end(),
    );
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
