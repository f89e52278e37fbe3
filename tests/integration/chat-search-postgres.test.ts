import { describe, inject } from 'vitest';
import { chatSearchSuite } from '../support/chat-search-suite';
import { startTestConsole } from '../support/console-harness';

const postgresAdminUrl = inject('postgresAdminUrl');

describe.runIf(postgresAdminUrl)('search by part of a number on PostgreSQL', () => {
  chatSearchSuite(startTestConsole({ postgresAdminUrl }));
});
