import 'server-only';
import nodemailer from 'nodemailer';
import { slackBody, type AlertMessage } from '@/lib/alerts/events';
import type { ChannelTarget } from '@/lib/alerts/store';

// Sending one message through a channel: SMTP (nodemailer) or a Slack-compatible incoming webhook.
// A failure is thrown as a ChannelError whose sentence an admin can act on; it is shown beside the
// channel and kept on the deliveries it failed.

const CONNECT_TIMEOUT_MS = 10_000;
const SEND_TIMEOUT_MS = 20_000;

export class ChannelError extends Error {}

function smtpSentence(error: unknown, where: string): string {
  const { code, errno, response } = error as { code?: string; errno?: number | string; response?: string };
  // A refused connection comes as a socket error whose errno says so.
  if (errno === -111 || errno === 'ECONNREFUSED' || (error as Error).message?.includes('ECONNREFUSED')) {
    return `The SMTP server at ${where} refused the connection: check the host and port.`;
  }
  switch (code) {
    case 'ECONNREFUSED':
    case 'ECONNECTION':
      return `The SMTP server at ${where} refused the connection: check the host and port.`;
    case 'ETIMEDOUT':
    case 'ESOCKET':
      return `The SMTP server at ${where} did not answer in time or closed the connection: check the host, port and security.`;
    case 'EDNS':
      return `The host of ${where} could not be found: check its name.`;
    case 'EAUTH':
      return 'The SMTP server refused the user name or password.';
    case 'ETLS':
      return `The secure connection to ${where} failed: check the security setting (TLS or STARTTLS) against the port.`;
    case 'EENVELOPE':
      return `The SMTP server refused the sender or a recipient${response ? `: ${response.slice(0, 160)}` : ''}.`;
    default:
      return `The SMTP server at ${where} could not take the message${response ? `: ${response.slice(0, 160)}` : ''}.`;
  }
}

export type EmailTarget = Extract<ChannelTarget, { kind: 'EMAIL' }>;

/**
 * Sends one email through the alerts' SMTP server: to the alert recipients, or to `to` when given
 * (an invitation to one person).
 */
export async function sendEmail(target: EmailTarget, message: AlertMessage, messageId?: string, to?: string): Promise<void> {
  const { settings } = target;
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    auth: settings.username ? { user: settings.username, pass: target.password ?? '' } : undefined,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: CONNECT_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    // The same alerts sent again (a retry after a lost answer) carry the same Message-ID, which mail
    // systems use to drop the copy.
    await transport.sendMail({ from: settings.from, to: to ?? settings.to, subject: message.subject, text: message.text, messageId });
  } catch (error) {
    throw new ChannelError(smtpSentence(error, `${settings.host}:${settings.port}`));
  } finally {
    transport.close();
  }
}

async function postToSlack(url: string, message: AlertMessage): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(slackBody(message)),
      redirect: 'error',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? 'did not answer in time' : 'could not be reached';
    throw new ChannelError(`The webhook at ${new URL(url).host} ${reason}: check the address.`);
  }
  if (!response.ok) {
    // Slack says why in a word or two ("no_service", "invalid_token"): worth showing, never more.
    const said = (await response.text().catch(() => '')).replace(/[^\w .:-]/g, '').slice(0, 80);
    throw new ChannelError(
      `The webhook at ${new URL(url).host} answered ${response.status}${said ? ` (${said})` : ''}: check the address, or make a new webhook.`,
    );
  }
}

export async function deliver(target: ChannelTarget, message: AlertMessage, messageId: string): Promise<void> {
  if (target.kind === 'EMAIL') await sendEmail(target, message, messageId);
  else await postToSlack(target.url, message);
}
