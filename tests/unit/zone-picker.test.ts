import { describe, expect, it } from 'vitest';
import { zoneMatches } from '@/components/ui/zone-picker';

describe('finding a time zone', () => {
  it('matches the words people type, whatever the case, underscores or slashes', () => {
    expect(zoneMatches('America/New_York', 'new york')).toBe(true);
    expect(zoneMatches('America/New_York', 'York')).toBe(true);
    expect(zoneMatches('America/New_York', 'america new')).toBe(true);
    expect(zoneMatches('Asia/Kolkata', 'kolk')).toBe(true);
    expect(zoneMatches('Europe/Paris', 'new york')).toBe(false);
    expect(zoneMatches('Europe/Paris', '')).toBe(true);
  });
});
