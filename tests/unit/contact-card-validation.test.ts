import { describe, expect, it } from 'vitest';
import { contactCardFormSchema, firstNameSchema, lastNameSchema, photoUrlSchema } from '@/lib/validations/contact-card';

const errorOf = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) => result.error?.issues[0]?.message;

describe('contact card names', () => {
  it('trims and normalises names', () => {
    expect(firstNameSchema.parse('  Northwind  ')).toBe('Northwind');
    expect(firstNameSchema.parse('Cafe\u0301')).toBe('Café');
    expect(lastNameSchema.parse('')).toBe('');
  });

  it('requires a first name, blanks included', () => {
    expect(errorOf(firstNameSchema.safeParse(''))).toBe('Enter a first name: it is the name customers see.');
    expect(errorOf(firstNameSchema.safeParse('   '))).toBe('Enter a first name: it is the name customers see.');
  });

  it('allows 64 characters, counted as people count them, and refuses 65', () => {
    expect(firstNameSchema.safeParse('x'.repeat(64)).success).toBe(true);
    expect(firstNameSchema.safeParse('😀'.repeat(64)).success).toBe(true);
    expect(errorOf(firstNameSchema.safeParse('x'.repeat(65)))).toBe('Keep the first name to 64 characters or fewer.');
    expect(errorOf(lastNameSchema.safeParse('y'.repeat(65)))).toBe('Keep the last name to 64 characters or fewer.');
  });

  it.each(['Nor\u0000thwind', 'North\nwind', 'Tab\there', 'Bell\u0007', '\u202eevil', 'a\u2066b', 'del\u007f'])('refuses control characters in %j', (value) => {
    expect(errorOf(firstNameSchema.safeParse(value))).toBe('The first name contains invisible control characters; type it again.');
  });

  it('keeps emoji made with joiners, accents and other scripts', () => {
    for (const name of ['👩‍👩‍👧 Family Dental', 'Zoë', '北风咖啡', 'مقهى']) expect(firstNameSchema.safeParse(name).success).toBe(true);
  });
});

describe('photo addresses', () => {
  it('accepts https and refuses anything else', () => {
    expect(photoUrlSchema.safeParse('https://cdn.example.com/logo.jpg').success).toBe(true);
    for (const url of ['http://cdn.example.com/logo.jpg', 'ftp://x/y.jpg', 'cdn.example.com/logo.jpg', 'javascript:alert(1)', '']) {
      expect(errorOf(photoUrlSchema.safeParse(url))).toBe('Give a full https:// address that anyone on the internet can open.');
    }
  });
});

describe('the card form', () => {
  it('needs the photo address only when the photo is given by address', () => {
    const base = { phoneNumber: '+14155550100', firstName: 'Northwind', lastName: '' };
    expect(contactCardFormSchema.safeParse({ ...base, photoMode: 'keep' }).success).toBe(true);
    expect(contactCardFormSchema.safeParse({ ...base, photoMode: 'url' }).success).toBe(false);
    expect(contactCardFormSchema.safeParse({ ...base, photoMode: 'url', photoUrl: 'https://x.example/a.png' }).success).toBe(true);
    expect(errorOf(contactCardFormSchema.safeParse({ ...base, phoneNumber: '4155550100', photoMode: 'keep' }))).toBe(
      'Use the international format, e.g. +14155550100.',
    );
  });
});
