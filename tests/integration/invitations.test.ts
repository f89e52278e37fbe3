import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpServer } from '../support/alert-receivers';
import { startTestConsole } from '../support/console-harness';

// Invitations by email: the set-password link goes to the person alone, through the alerts' SMTP
// server (even while email alerts are off), and is recorded; without a server, or when it refuses,
// the admin gets a sentence and the link stays theirs to copy.

describe('invitations by email', () => {
  const h = startTestConsole();
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let admin: { id: string; name: string };
  beforeAll(async () => {
    smtp = await startSmtpServer();
    admin = await h.db.user.create({ data: { email: 'invite-admin@example.com', name: 'Ada Admin', role: 'ADMIN', passwordHash: 'x' } });
  });
  afterAll(() => smtp.close());

  const emailServer = async (port: number, enabled: boolean) => {
    const { saveEmailChannel } = await import('@/lib/alerts/store');
    await saveEmailChannel(
      {
        enabled,
        host: '127.0.0.1',
        port,
        security: 'none',
        username: '',
        password: '',
        clearPassword: false,
        from: 'console@example.com',
        to: ['ops@example.com'],
      },
      admin.id,
    );
  };
  const newcomer = (email: string) => h.db.user.create({ data: { email, name: 'Nia Newcomer', role: 'VIEWER', passwordHash: 'x' } });

  it('says so when no email server is set up', async () => {
    const { emailInvitation, invitationEmailAvailable } = await import('@/lib/staff/invitations');
    const nia = await newcomer('nia-none@example.com');
    expect(await invitationEmailAvailable()).toBe(false);
    await expect(emailInvitation(nia, 'http://console.test/set-password?token=abc', admin)).rejects.toThrow(
      'No email server is set up (Settings → Alerts → Email).',
    );
    expect(await h.db.staffChange.count({ where: { targetId: nia.id } })).toBe(0);
  });

  it('sends the link to the person alone, with alerts off, and records it', async () => {
    const { emailInvitation, invitationEmailAvailable } = await import('@/lib/staff/invitations');
    await emailServer(smtp.port, false);
    expect(await invitationEmailAvailable()).toBe(true);
    const nia = await newcomer('nia@example.com');
    const link = 'http://console.test/set-password?token=tok_123';
    await emailInvitation(nia, link, admin);
    expect(smtp.mails).toHaveLength(1);
    // (Quoted-printable, as mail carries it: "=" is written "=3D".)
    const mail = smtp.mails[0]!.replace(/=3D/g, '=');
    expect(mail).toMatch(/^To: nia@example\.com/m);
    expect(mail).not.toContain('ops@example.com');
    expect(mail).toContain('Subject: Your access to the Contact Card Console');
    expect(mail).toContain(link);
    expect(mail).toContain('Ada Admin gave you access');
    expect(await h.db.staffChange.findMany({ where: { targetId: nia.id }, select: { kind: true, actorId: true } })).toEqual([
      { kind: 'INVITATION_EMAILED', actorId: admin.id },
    ]);
  });

  it('gives the SMTP server’s refusal as a sentence, and records nothing', async () => {
    const { emailInvitation } = await import('@/lib/staff/invitations');
    await emailServer(1, true);
    const nia = await newcomer('nia-refused@example.com');
    await expect(emailInvitation(nia, 'http://console.test/set-password?token=x', admin)).rejects.toThrow(
      'The SMTP server at 127.0.0.1:1 refused the connection: check the host and port.',
    );
    expect(await h.db.staffChange.count({ where: { targetId: nia.id } })).toBe(0);
  });
});
