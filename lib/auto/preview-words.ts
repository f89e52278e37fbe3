// The preview on the automatic-share form, in words. Pure: the form recomputes it as the person
// changes the trigger, group chats or the cap, from the daily counts the server read.

/** A daily rate the way a person says it: "about 30 chats", "about 1.5 chats", "fewer than one chat". */
function aboutChats(perDay: number): string {
  if (perDay === 0) return 'no chats';
  if (perDay < 1) return 'fewer than one chat';
  const rounded = perDay < 10 ? Math.round(perDay * 10) / 10 : Math.round(perDay);
  return `about ${rounded} chat${rounded === 1 ? '' : 's'}`;
}

/**
 * "About 30 chats a day would have qualified over the last 7 days." and, when the cap would have
 * held some back, how many a day would have waited for the next day.
 */
export function describePreview(daily: number[], cap: number): string {
  const days = daily.length;
  const total = daily.reduce((sum, count) => sum + count, 0);
  const rate = aboutChats(total / days);
  const first = `${rate.charAt(0).toUpperCase()}${rate.slice(1)} a day would have qualified over the last ${days} days (${total} in all).`;
  const overflow = daily.reduce((sum, count) => sum + Math.max(0, count - cap), 0);
  if (overflow === 0) return first;
  return `${first} At a cap of ${cap} a day, ${aboutChats(overflow / days)} a day would have waited for the next day (${overflow} in all).`;
}
