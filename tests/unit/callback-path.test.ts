import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/validations/auth';

describe('safeCallbackPath', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeCallbackPath('/chats?filter=eligible')).toBe('/chats?filter=eligible');
  });

  it.each(['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', undefined, 42])(
    'sends %o back to the overview',
    (value) => {
      expect(safeCallbackPath(value)).toBe('/');
    },
  );
});
