// What a run was asked to cover, in a sentence, with a link where there is one. Pure.
import { formatCount } from '@/lib/format';
import { chatPageHref } from '@/lib/links';
import type { RunScope } from '@/lib/runs/selection';
import { type ChatPageQuery } from '@/lib/validations/chats';

export function describeScope(scope: RunScope): { text: string; href?: string } {
  switch (scope.kind) {
    case 'filter':
      return { text: 'Every chat matching a filter of the Chats page', href: chatPageHref(scope.query as Partial<ChatPageQuery>) };
    case 'chats':
      return { text: `${formatCount(scope.chatIds.length)} chats picked on the Chats page` };
    case 'retry':
      return { text: 'The chats that failed in an earlier run', href: `/runs/${scope.fromRunId}` };
    case 'schedule':
      return {
        text: `The daily re-share of ${scope.phoneNumber}: its eligible chats${scope.onlyRepliedChats ? ' where the customer has written' : ''}, except critical ones`,
        href: `/cards/${encodeURIComponent(scope.phoneNumber)}`,
      };
  }
}
