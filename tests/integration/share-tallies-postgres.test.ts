import { describe, inject } from 'vitest';
import { startTestConsole } from '../support/console-harness';
import { shareTalliesSuite } from '../support/share-tallies-suite';

// On PostgreSQL the writers and the folds of the racing test run on connections of their own.
const postgresAdminUrl = inject('postgresAdminUrl');

describe.runIf(postgresAdminUrl)('share tallies and share history retention on PostgreSQL', () => {
  shareTalliesSuite(startTestConsole({ postgresAdminUrl }));
});
