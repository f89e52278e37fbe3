// What a log line may never carry: secrets (by the name of the field that holds them) and
// customer data (phone numbers and e-mail addresses wherever they appear in text). Pure, so the
// rules are unit-tested; the logger applies them to every line (lib/observability/log.ts).

/** Field names whose values are secrets or content, replaced whole whatever they hold. */
const SECRET_FIELD =
  /^(password|newPassword|currentPassword|passwordHash|secret|.*Secret|token|.*Token|apiKey|authorization|cookie|set-cookie|signature|image|imageUrl|image_url|photo|body|text|content|parts)$/i;

export const REDACTED = '[redacted]';

/** +12025550123 → +1…0123: enough to tell numbers apart in a log, not enough to reach the customer. */
const PHONE = /\+\d[\d\s().-]{6,18}\d/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export function maskText(text: string): string {
  return text
    .replace(PHONE, (number) => {
      const digits = number.replace(/\D/g, '');
      return `+${digits.slice(0, 1)}…${digits.slice(-4)}`;
    })
    .replace(EMAIL, (address) => `${address.slice(0, 1)}…@${address.split('@')[1]}`);
}

/** A copy of a log line's fields with secrets replaced and every string masked; errors keep their type, message and stack. */
export function scrubFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskText(value.message), ...(value.stack && { stack: maskText(value.stack) }) };
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => scrubFields(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) copy[key] = SECRET_FIELD.test(key) ? REDACTED : scrubFields(field, depth + 1);
  return copy;
}
