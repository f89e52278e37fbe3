import { describe } from 'vitest';
import { chatCountsSuite } from '../support/chat-counts-suite';
import { startTestConsole } from '../support/console-harness';

describe('chat counts on the embedded database', () => {
  chatCountsSuite(startTestConsole());
});
