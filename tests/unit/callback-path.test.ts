import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/validations/auth';

describe('safeCallbackPath', () => {
  it('keeps same-site paths with their query and hash', () => {
    expect(safeCallbackPath('/chats?filter=eligible')).toBe('/chats?filter=eligible');
    expect(safeCallbackPath('/history?tab=cards#latest')).toBe('/history?tab=cards#latest');
    expect(safeCallbackPath('/cards/%2B14155550100')).toBe('/cards/%2B14155550100');
  });

  it.each([
    'https://evil.example',
    '//evil.example/x',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    // A slash, a tab, then /evil.example: browsers drop the tab and read //evil.example.
    '/\t/evil.example/phish',
    '/\n/evil.example',
    '/\r/evil.example',
    ' /\t/evil.example',
    'http://console.invalid.evil.example/',
    '',
    undefined,
    42,
  ])('sends %j back to the overview', (value) => {
    expect(safeCallbackPath(value)).toBe('/');
  });

  it.each(['/chats\u0000', '/chats%0A', '/chats%0d%0aSet-Cookie:x=1', '/chats%00', '/\u200b/evil.example', '/chats\u200b', '/chats\u007f'])(
    'ignores %j, with control or invisible characters',
    (value) => {
      expect(safeCallbackPath(value)).toBe('/');
    },
  );

  it('resolves dot segments without leaving the console', () => {
    expect(safeCallbackPath('/../../evil.example')).toBe('/evil.example');
    expect(safeCallbackPath('/a/./b/../c')).toBe('/a/c');
  });
});
