// What each Linq error means for a staff member, and what to do next. Keyed on Linq's numeric
// code (never its message text, which differs between endpoints); see
// ../shared/linq-api/REFERENCE.md §3 for the catalogue. Pure: no I/O, unit-tested per code.

export interface ErrorContext {
  /** The sending number involved, when there is one ("No contact card for +1…"). */
  phoneNumber?: string;
  /** Seconds Linq asked us to wait (429). */
  retryAfterSeconds?: number;
  /**
   * What the console was doing. A share sends nothing staff typed, so Linq refusing its request
   * (1xxx) is never "check what you entered": it is the console's to fix.
   */
  purpose?: 'share';
}

export interface StaffFacingError {
  /** One sentence: what happened, in the staff member's terms. */
  message: string;
  /** One sentence: what to do about it. */
  nextStep: string;
  /** Whether trying the same thing again later can work. */
  retryable: boolean;
}

type Entry = (context: ErrorContext) => StaffFacingError;

const REPORT = 'If it happens again, send the trace id to whoever maintains the console.';
const RETRY_SOON = 'Try again in a few seconds.';
const LINQ_SUPPORT = 'Try again later; if it persists, contact Linq support with the trace id.';

const fixed =
  (message: string, nextStep: string, retryable = false): Entry =>
  () => ({ message, nextStep, retryable });
const theNumber = (context: ErrorContext) => context.phoneNumber ?? 'this number';
const waitFor = (context: ErrorContext) =>
  context.retryAfterSeconds ? `about ${context.retryAfterSeconds} second${context.retryAfterSeconds === 1 ? '' : 's'}` : 'a minute';

export const LINQ_ERROR_MESSAGES: Record<number, Entry> = {
  1001: fixed('Linq says a required field is missing.', `Check the form and try again. ${REPORT}`),
  1002: fixed('A phone number is not in international format.', 'Write it as + then country code and number, e.g. +14155551234.'),
  1003: fixed('Linq could not read the request the console sent.', REPORT),
  1004: fixed('Linq rejected the message content.', `Check the message and try again. ${REPORT}`),
  1005: fixed('Linq rejected one of the values sent.', `Check what you entered and try again. ${REPORT}`),
  1006: fixed('Only group chats can be changed this way.', 'Nothing to do for a one-to-one chat.'),
  1007: (context) => ({
    message: 'Linq is limiting how fast these requests can be made.',
    nextStep: `Wait ${waitFor(context)} and try again.`,
    retryable: true,
  }),
  1008: fixed('Linq rejected the iMessage app message.', REPORT),
  2001: fixed('Linq cannot find this chat.', 'Refresh the chat list: the chat may have been removed.'),
  2002: fixed('Linq cannot find this message.', 'Refresh the page: the message may have been deleted or expired.'),
  2003: fixed('Linq cannot find this attachment.', 'Upload the file again.'),
  2004: fixed('Linq refused the console’s API key.', 'An admin must check LINQ_API_KEY in the server’s settings.'),
  2005: fixed('Linq denied access: this belongs to another Linq account.', 'Check that the number or chat is part of your Linq account.'),
  2006: (context) => ({
    message: `${theNumber(context)} is not a line of your Linq account.`,
    nextStep: 'Check the number, or ask Linq support to assign it to your account.',
    retryable: false,
  }),
  2007: fixed('The attachment is still being processed by Linq.', RETRY_SOON, true),
  2008: fixed('Linq does not allow messaging this recipient yet (sandbox account).', 'Ask the recipient to send a message to your number first.'),
  2009: fixed('Linq is still creating this chat.', RETRY_SOON, true),
  2010: fixed('Linq cannot find this webhook subscription.', 'Refresh and check the subscription still exists.'),
  2011: fixed('This feature is not enabled on your Linq account.', 'Ask Linq support to enable it (contact cards may need enabling).'),
  2012: (context) => ({
    message: `No contact card is set up for ${theNumber(context)}.`,
    nextStep: 'Create one under Contact cards, then try again.',
    retryable: false,
  }),
  2013: fixed('This chat is no longer available: your number has left it.', 'Nothing can be sent or shared into it any more.'),
  2014: (context) => ({
    message: `A contact card already exists for ${theNumber(context)}.`,
    nextStep: 'Edit the existing card instead of creating a new one.',
    retryable: false,
  }),
  2015: fixed('The chat’s current state does not allow this.', 'Refresh the chat and try again.', true),
  2016: fixed('This cannot be done in a group chat.', 'Use a one-to-one chat instead.'),
  2017: fixed('This cannot be done on an SMS or RCS chat.', 'Contact cards can only be shared in iMessage chats.'),
  2018: fixed('Linq sends iMessage app messages only over iMessage.', 'Send it in an iMessage chat.'),
  2019: fixed('Linq cannot find this phone number.', 'Refresh the page; the line may have been removed from your account.'),
  2021: fixed('Linq cannot find this payment request.', 'Refresh the page.'),
  2022: (context) => ({
    message: `Linq could not apply the contact card to ${theNumber(context)} yet.`,
    nextStep: 'This is usually temporary: retry in a few seconds.',
    retryable: true,
  }),
  3001: fixed('Linq had an internal connection problem.', LINQ_SUPPORT, true),
  3002: fixed('Linq had an internal service problem.', LINQ_SUPPORT, true),
  3003: fixed('Linq could not complete the operation.', LINQ_SUPPORT, true),
  3004: fixed('Linq could not complete the operation.', LINQ_SUPPORT, true),
  3005: fixed('Linq timed out while handling the request.', LINQ_SUPPORT, true),
  3006: fixed('Linq had an unexpected error.', LINQ_SUPPORT, true),
  3007: fixed('Linq gave up delivering after several attempts.', 'Check the recipient’s number and try again later.', true),
  4001: fixed('Linq could not deliver the message.', 'Check the recipient and try again later.', true),
  4002: fixed('The sending phone line is not available right now.', LINQ_SUPPORT, true),
  4003: fixed('Linq could not deliver a webhook.', 'Check the webhook endpoint is up.', true),
  4004: fixed('Linq is temporarily unavailable.', 'Try again in a few minutes.', true),
  4005: fixed('The recipient’s device does not support this kind of message.', 'Use another kind of message for this recipient.'),
  5001: fixed('Linq could not store the uploaded file.', RETRY_SOON, true),
  5002: fixed('Linq could not download the file.', 'Check the file’s address is public and try again.', true),
  5003: fixed('Linq could not create a link for the file.', RETRY_SOON, true),
  5004: fixed('Linq does not accept this type of file.', 'Use a JPEG or PNG image.'),
  5005: fixed('The file is too large for Linq.', 'Use a smaller file.'),
  5006: fixed('The file’s content does not match its declared type.', 'Save the image again as JPEG or PNG and retry.'),
  5007: fixed(
    'Linq could not download the photo from the console.',
    'The console’s PUBLIC_BASE_URL must be a public HTTPS address Linq can reach; or give the photo as another public HTTPS URL.',
    true,
  ),
};

/** Linq refused a share's request (a 1xxx code other than its rate limit): nothing staff can correct. */
export function describeRefusedShareRequest(code: number): StaffFacingError {
  return {
    message: `Linq refused the request (code ${code}).`,
    nextStep: 'Trying again will not help: send the trace id to whoever maintains the console.',
    retryable: false,
  };
}

/** Failures with no Linq code: Linq did not answer at all, or answered without its envelope. */
export const TRANSPORT_MESSAGES = {
  timeout: fixed('Linq did not answer in time.', 'Try again in a moment. The request may still have been carried out, so check before repeating it.', true),
  connection: fixed('The console could not reach Linq.', 'Check the server’s network and LINQ_API_BASE_URL, then try again.', true),
} satisfies Record<string, Entry>;

/** A code not in the catalogue, or an error answer without a code: described by its HTTP status. */
export function describeUnknownError(status: number | undefined, code: number | undefined, context: ErrorContext): StaffFacingError {
  const label = code ? `code ${code}` : `HTTP ${status ?? 'error'}`;
  if (status === 401) return LINQ_ERROR_MESSAGES[2004]!(context);
  if (status === 403) return LINQ_ERROR_MESSAGES[2005]!(context);
  if (status === 429) return LINQ_ERROR_MESSAGES[1007]!(context);
  if (status !== undefined && status >= 500) {
    return { message: `Linq is having trouble (${label}).`, nextStep: LINQ_SUPPORT, retryable: true };
  }
  return {
    message: `Linq refused the request with an error the console does not know (${label}).`,
    nextStep: `Try again; if it persists, contact Linq support with the trace id.`,
    retryable: false,
  };
}
