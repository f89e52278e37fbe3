import { describe } from 'vitest';
import { startTestConsole } from '../support/console-harness';
import { shareTalliesSuite } from '../support/share-tallies-suite';

describe('share tallies and share history retention on the embedded database', () => {
  shareTalliesSuite(startTestConsole());
});
