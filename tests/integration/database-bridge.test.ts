import type { AddressInfo, Server } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveEmbeddedDatabase } from '@/lib/database/bridge';

// The embedded database's bridge (EMBEDDED_DB_PORT): only clients that know the password get in,
// a transaction left idle cannot freeze the console (which shares the one session), and a huge
// message ends the connection instead of filling the memory.

const PASSWORD = 'bridge-test-password';
let pglite: PGlite;
let server: Server;
let port = 0;

const connect = (password: string | undefined) =>
  new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    ...(password !== undefined && { password }),
    connectionTimeoutMillis: 5_000,
  });

beforeAll(async () => {
  pglite = new PGlite();
  await pglite.query('CREATE TABLE secrets (value text)');
  await pglite.query(`INSERT INTO secrets VALUES ('a staff password hash')`);
  server = await serveEmbeddedDatabase(pglite, { port: 0, password: PASSWORD, idleTransactionMs: 1_000 });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await pglite.close();
});

describe('the embedded database bridge', () => {
  it('refuses a wrong or missing password, and serves the right one (SCRAM-SHA-256)', async () => {
    const wrong = connect('not-the-password');
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
    const empty = connect('');
    await expect(empty.connect()).rejects.toThrow();
    await Promise.all([wrong.end().catch(() => undefined), empty.end().catch(() => undefined)]);
    const client = connect(PASSWORD);
    await client.connect();
    expect((await client.query('SELECT value FROM secrets')).rows).toEqual([{ value: 'a staff password hash' }]);
    await client.end();
  });

  it('rolls back and cuts off a transaction left idle, so the console is never frozen by it', async () => {
    const client = connect(PASSWORD);
    const ended = new Promise((resolve) => client.on('error', resolve));
    await client.connect();
    await client.query('BEGIN');
    await client.query(`INSERT INTO secrets VALUES ('never committed')`);
    // The console's own query waits for the transaction, then goes through once it is rolled back.
    const started = Date.now();
    const own = await pglite.query<{ count: number }>('SELECT count(*)::int AS count FROM secrets');
    expect(own.rows[0]!.count).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(String(await ended)).toMatch(/left idle/);
  });

  it('ends a connection that sends a message larger than any statement', async () => {
    const client = connect(PASSWORD);
    await client.connect();
    const closed = new Promise((resolve) => client.on('error', resolve));
    await expect(client.query(`SELECT '${'x'.repeat(17 * 1024 * 1024)}'`)).rejects.toThrow();
    await closed;
    // The bridge still serves others.
    const other = connect(PASSWORD);
    await other.connect();
    expect((await other.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await other.end();
  });
});
