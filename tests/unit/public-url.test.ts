import { describe, expect, it } from 'vitest';
import { photoUrl, publicUrlProblems } from '@/lib/photos/public-url';

describe('publicUrlProblems', () => {
  it('accepts a public HTTPS address', () => {
    expect(publicUrlProblems('https://console.example.com')).toEqual([]);
  });

  it.each([
    ['http://localhost:3000', ['not_https', 'private_host']],
    ['https://localhost', ['private_host']],
    ['https://127.0.0.1', ['private_host']],
    ['https://10.0.4.2', ['private_host']],
    ['https://192.168.1.20:8443', ['private_host']],
    ['https://172.20.0.5', ['private_host']],
    ['https://console.internal', ['private_host']],
    ['https://[::1]:3000', ['private_host']],
    ['http://console.example.com', ['not_https']],
    ['https://172.32.0.1', []],
  ])('%s → %o', (url, problems) => {
    expect(publicUrlProblems(url)).toEqual(problems);
  });
});

it('builds content-addressed photo addresses', () => {
  expect(photoUrl('https://console.example.com', 'ab'.repeat(32))).toBe(`https://console.example.com/photos/${'ab'.repeat(32)}.jpg`);
});
