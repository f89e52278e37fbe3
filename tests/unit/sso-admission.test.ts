import { describe, expect, it } from 'vitest';
import { decideSsoAdmission, isSsoRefusal, ssoEmail } from '@/lib/auth/sso-admission';
import { normalizeDomain } from '@/lib/validations/sso';

const verified = (email: string, more: Record<string, unknown> = {}) => ({ email, email_verified: true, ...more });

describe('who single sign-on lets in', () => {
  it('lets in a person of the Staff page by their verified email', () => {
    const admission = decideSsoAdmission({
      claims: verified('ada@shop.test'),
      staff: { id: 'u1', disabled: false },
      allowedDomain: null,
      defaultRole: 'VIEWER',
    });
    expect(admission).toEqual({ admit: 'staff', userId: 'u1' });
  });

  it('refuses a disabled person, even of the allowed domain', () => {
    const admission = decideSsoAdmission({
      claims: verified('ada@shop.test'),
      staff: { id: 'u1', disabled: true },
      allowedDomain: 'shop.test',
      defaultRole: 'VIEWER',
    });
    expect(admission).toEqual({ refuse: 'disabled' });
  });

  it('refuses an address the provider has not verified, even of a staff member', () => {
    for (const email_verified of [false, 'false', undefined, 1]) {
      const admission = decideSsoAdmission({
        claims: { email: 'ada@shop.test', email_verified },
        staff: { id: 'u1', disabled: false },
        allowedDomain: null,
        defaultRole: 'VIEWER',
      });
      expect(admission).toEqual({ refuse: 'unverified_email' });
    }
    // Some providers send the claim as a string.
    expect(
      decideSsoAdmission({
        claims: { email: 'ada@shop.test', email_verified: 'true' },
        staff: { id: 'u1', disabled: false },
        allowedDomain: null,
        defaultRole: 'VIEWER',
      }),
    ).toEqual({
      admit: 'staff',
      userId: 'u1',
    });
  });

  it('refuses claims without a usable email', () => {
    for (const email of [undefined, '', 'not an email', 42, `${'a'.repeat(320)}@x.test`]) {
      expect(decideSsoAdmission({ claims: { email, email_verified: true }, staff: null, allowedDomain: 'x.test', defaultRole: 'VIEWER' })).toEqual({
        refuse: 'no_email',
      });
    }
  });

  it('lets people of the allowed domain join with the default role, named from the claims', () => {
    expect(
      decideSsoAdmission({ claims: verified('New.Person@Shop.Test', { name: '  Nell  ' }), staff: null, allowedDomain: 'shop.test', defaultRole: 'OPERATOR' }),
    ).toEqual({
      admit: 'join',
      email: 'new.person@shop.test',
      name: 'Nell',
      role: 'OPERATOR',
    });
    expect(decideSsoAdmission({ claims: verified('nell@shop.test'), staff: null, allowedDomain: 'shop.test', defaultRole: 'VIEWER' })).toMatchObject({
      name: 'nell',
    });
  });

  it('does not take a look-alike domain for the allowed one', () => {
    for (const email of ['eve@evilshop.test', 'eve@shop.test.evil.test', 'eve@sub.shop.test']) {
      expect(decideSsoAdmission({ claims: verified(email), staff: null, allowedDomain: 'shop.test', defaultRole: 'VIEWER' })).toEqual({ refuse: 'unknown' });
    }
    expect(decideSsoAdmission({ claims: verified('eve@shop.test'), staff: null, allowedDomain: null, defaultRole: 'VIEWER' })).toEqual({ refuse: 'unknown' });
  });

  it('reads emails and domains as people type them', () => {
    expect(ssoEmail(' Ada@Shop.Test ')).toBe('ada@shop.test');
    expect(normalizeDomain('@Shop.Test ')).toBe('shop.test');
    for (const domain of ['', 'shop', 'http://shop.test', 'shop..test', 'sh op.test']) expect(normalizeDomain(domain)).toBeNull();
    expect(isSsoRefusal('unknown')).toBe(true);
    expect(isSsoRefusal('toString')).toBe(false);
  });
});
