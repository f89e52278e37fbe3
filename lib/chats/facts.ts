// What a chat says about itself, read the same way everywhere (page, cache, share, eligibility).

interface HandleFacts {
  handle: string;
  isMe: boolean;
  status: string | null;
}

/** The business's own line in the chat, or null when none of its numbers is in it. */
export function sendingNumberOf(chat: { handles: readonly HandleFacts[] }): string | null {
  return chat.handles.find((handle) => handle.isMe)?.handle ?? null;
}

/** The business's line has left (or was removed from) the chat: Linq refuses to act on it. */
export function hasLeftChat(chat: { handles: readonly HandleFacts[] }): boolean {
  return chat.handles.some((handle) => handle.isMe && handle.status !== null && handle.status !== 'active');
}

/** The customers in the chat, by handle. */
export function participantsOf(chat: { handles: readonly HandleFacts[] }): string[] {
  return chat.handles.filter((handle) => !handle.isMe).map((handle) => handle.handle);
}

/** The chat's name as staff recognise it: Linq's display name, else its participants. */
export function labelOf(displayName: string | null, participants: readonly string[]): string {
  return displayName || participants.join(', ') || 'Unnamed chat';
}

export function chatLabel(chat: { displayName: string | null; handles: readonly HandleFacts[] }): string {
  return labelOf(chat.displayName, participantsOf(chat));
}
