import { describe, expect, it } from 'vitest';
import { isPrivateAddress, photoAddressProblem } from '@/lib/photos/remote-address';

const resolveTo =
  (...addresses: string[]) =>
  async () =>
    addresses;

describe('photo addresses handed to Linq', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '[::1]',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('treats %s as private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '::127.0.0.1', // IPv4-compatible loopback
    '::7f00:1',
    '64:ff9b::a9fe:a9fe', // NAT64 of 169.254.169.254
    '64:ff9b::10.0.0.1',
    '2002:a9fe:a9fe::1', // 6to4 of 169.254.169.254
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo: client 192.0.2.45 (obfuscated), documentation range
    'fec0::1', // site-local
    '2001:db8::1', // documentation
    '3fff::1',
    '192.0.2.10', // TEST-NET-1
    '198.51.100.7',
    '203.0.113.9',
  ])('treats %s, private or documentation space inside IPv6 or a test net, as private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '8.8.8.8', '64:ff9b::808:808', '2002:5db8:d822::1'])('treats %s as public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('refuses loopback, private and metadata addresses, by IP or by a name that resolves to one', async () => {
    for (const url of [
      'https://127.0.0.1:8443/a.jpg',
      'https://[::1]/a.jpg',
      'https://169.254.169.254/latest/meta-data',
      'https://10.0.0.5/x.png',
      'https://[::127.0.0.1]/a.jpg',
      'https://[64:ff9b::a9fe:a9fe]/latest/meta-data',
      'https://[2002:a9fe:a9fe::1]/a.jpg',
      'https://[fec0::1]/a.jpg',
      'https://192.0.2.1/a.jpg',
    ]) {
      expect(await photoAddressProblem(url, resolveTo())).toMatch(/private or local network/);
    }
    expect(await photoAddressProblem('https://localhost/a.jpg', resolveTo('127.0.0.1', '::1'))).toMatch(/private or local network \(localhost\)/);
    expect(await photoAddressProblem('https://photos.example/a.jpg', resolveTo('93.184.216.34', '10.0.0.1'))).toMatch(/private/);
  });

  it('lets a public address through, and says when a name cannot be found', async () => {
    expect(await photoAddressProblem('https://cdn.example/a.jpg', resolveTo('93.184.216.34'))).toBeNull();
    expect(
      await photoAddressProblem('https://nowhere.invalid/a.jpg', async () => {
        throw new Error('ENOTFOUND');
      }),
    ).toMatch(/could not be found/);
    expect(await photoAddressProblem('https://user:secret@cdn.example/a.jpg', resolveTo('93.184.216.34'))).toMatch(/user name or password/);
  });
});
