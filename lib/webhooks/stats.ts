/** The UTC day a time falls on, as WebhookDay keys it: 2026-11-30. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
