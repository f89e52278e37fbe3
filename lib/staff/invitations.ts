import 'server-only';
import { ChannelError, sendEmail } from '@/lib/alerts/channels';
import { channelTarget } from '@/lib/alerts/store';
import { db } from '@/lib/db';
import { PASSWORD_LINK_HOURS } from '@/lib/staff/tokens';

// Invitations by email: the set-password link goes straight to the person through the SMTP server
// set up for alerts (Settings → Alerts), used even while email alerts are switched off.

/** A reason the email could not go; `message` is shown to the admin as is, with the link to copy instead. */
export class InvitationEmailError extends Error {
  override name = 'InvitationEmailError';
}

export async function invitationEmailAvailable(): Promise<boolean> {
  return (await db.alertChannel.count({ where: { kind: 'EMAIL' } })) > 0;
}

export function invitationMessage(person: { name: string }, link: string, inviter: string) {
  return {
    subject: 'Your access to the Contact Card Console',
    text: [
      `Hello ${person.name},`,
      '',
      `${inviter} gave you access to the Contact Card Console. Choose your password with this link, valid ${PASSWORD_LINK_HOURS} hours and once only:`,
      '',
      link,
      '',
      'You are signed in as soon as the password is set. If you did not expect this, ignore this email: nothing happens until the link is used.',
    ].join('\n'),
  };
}

/** Emails a set-password link to the person it was made for, and records it. */
export async function emailInvitation(person: { id: string; name: string; email: string }, link: string, inviter: { id: string; name: string }): Promise<void> {
  const target = await channelTarget('EMAIL', { evenIfOff: true });
  if (target?.kind !== 'EMAIL') throw new InvitationEmailError('No email server is set up (Settings → Alerts → Email).');
  try {
    await sendEmail(target, invitationMessage(person, link, inviter.name), undefined, person.email);
  } catch (error) {
    if (error instanceof ChannelError) throw new InvitationEmailError(error.message);
    throw error;
  }
  await db.staffChange.create({ data: { kind: 'INVITATION_EMAILED', actorId: inviter.id, targetId: person.id } });
}
