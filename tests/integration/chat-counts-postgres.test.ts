import { describe, inject } from 'vitest';
import { chatCountsSuite } from '../support/chat-counts-suite';
import { startTestConsole } from '../support/console-harness';

// On PostgreSQL the writers and the folds of the racing test run on connections of their own.
const postgresAdminUrl = inject('postgresAdminUrl');

describe.runIf(postgresAdminUrl)('chat counts on PostgreSQL', () => {
  chatCountsSuite(startTestConsole({ postgresAdminUrl }));
});
