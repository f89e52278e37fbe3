import { describe } from 'vitest';
import { chatSearchSuite } from '../support/chat-search-suite';
import { startTestConsole } from '../support/console-harness';

describe('search by part of a number on the embedded database', () => {
  chatSearchSuite(startTestConsole());
});
