import pg from 'pg';
import { describe, inject, it } from 'vitest';
import { startTestConsole } from '../support/console-harness';
import { liveStreamSuite, openStream } from '../support/live-stream-suite';

// The live stream over PostgreSQL: the same promises, and a change committed on another connection
// (another instance) is heard; a listener cut off by the database reconnects.
const postgresAdminUrl = inject('postgresAdminUrl');

describe.runIf(postgresAdminUrl)('live stream on PostgreSQL', () => {
  const h = startTestConsole({ postgresAdminUrl });
  liveStreamSuite(h);

  it('hears a change committed by another instance, and resumes after its listener is cut off', async () => {
    const stream = await openStream();
    const other = new pg.Client({ connectionString: h.databaseUrl });
    await other.connect();
    try {
      const id = `other-${Date.now()}`;
      await other.query(`INSERT INTO "Chat" ("id", "participants", "activityAt") VALUES ($1, ARRAY['+15550000001'], now())`, [id]);
      await stream.waitFor((event) => event.event === 'change' && event.data.includes(id));

      // The database drops the listening connection (a failover, an idle timeout): it comes back,
      // tells the page to read everything again, and hears what follows.
      await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'console-live' AND datname = current_database()`);
      await stream.waitFor((event) => event.event === 'resync', 15_000);
      const after = `after-${Date.now()}`;
      await other.query(`INSERT INTO "Chat" ("id", "participants", "activityAt") VALUES ($1, ARRAY['+15550000002'], now())`, [after]);
      await stream.waitFor((event) => event.event === 'change' && event.data.includes(after));
    } finally {
      await other.end();
      stream.close();
    }
  });
});
