import { describe, expect, it } from 'vitest';
import { maskedPayload, parseEnvelope, parseSubject, planChange, subjectOfEvent } from '@/lib/webhooks/events';

const at = '2026-11-30T10:00:00Z';
const plan = (event_type: string, data: unknown) => planChange(parseEnvelope({ event_type, event_id: 'e', created_at: '2026-11-30T10:05:00Z', data })!);

describe('what a webhook event changes in the chat index', () => {
  it('message.sent: the chat has an outbound message, at the time it was sent', () => {
    expect(plan('message.sent', { direction: 'outbound', chat: { id: 'c1' }, sent_at: at })).toEqual({ kind: 'outbound', chatId: 'c1', at: new Date(at) });
  });

  it('message.received, in the 2026-02-03 shape and in the older nested one, falling back to the event time', () => {
    expect(plan('message.received', { chat: { id: 'c1' }, sent_at: at })).toEqual({ kind: 'inbound', chatId: 'c1', at: new Date(at) });
    expect(plan('message.received', { message: { chat_id: 'c2', created_at: at } })).toEqual({ kind: 'inbound', chatId: 'c2', at: new Date(at) });
    expect(plan('message.received', { chat_id: 'c3' })).toEqual({ kind: 'inbound', chatId: 'c3', at: new Date('2026-11-30T10:05:00Z') });
  });

  it('chat.created carries the chat; participant changes read it again', () => {
    // A chat.created event's chat is read again from Linq: nothing it claims about the chat is trusted.
    expect(plan('chat.created', { id: 'c1', handles: [], health_status: { status: 'HEALTHY' }, updated_at: '2099-01-01T00:00:00Z' })).toEqual({
      kind: 'refresh',
      chatId: 'c1',
    });
    expect(plan('participant.added', { chat_id: 'c1', handle: '+1' })).toEqual({ kind: 'refresh', chatId: 'c1' });
    expect(plan('participant.removed', { chat_id: 'c1', handle: '+1' })).toEqual({ kind: 'refresh', chatId: 'c1' });
  });

  it('phone_number.status_updated: the line is flagged or active again, as of its change', () => {
    expect(plan('phone_number.status_updated', { phone_number: '+14155550100', new_status: 'FLAGGED', changed_at: at, new_reputation: 'CRITICAL' })).toEqual({
      kind: 'line_status',
      phoneNumber: '+14155550100',
      status: 'FLAGGED',
      changedAt: new Date(at),
      reputation: 'CRITICAL',
    });
  });

  it('message.failed is kept as a note; anything else is ignored', () => {
    expect(plan('message.failed', { code: 4001, chat_id: 'c1', reason: 'Delivery failed', failed_at: at })).toEqual({
      kind: 'record',
      note: 'Linq could not deliver a message in chat c1 (code 4001: Delivery failed).',
    });
    expect(plan('reaction.added', { anything: true })).toEqual({ kind: 'ignore' });
  });

  it('refuses a subscribed event that lacks what it must carry, and a payload that is no event', () => {
    expect(() => plan('message.sent', { direction: 'outbound' })).toThrow(/without its chat/);
    expect(() => plan('phone_number.status_updated', { phone_number: '+1', new_status: 'GONE' })).toThrow();
    expect(parseEnvelope({ data: {} })).toBeNull();
    expect(parseEnvelope('text')).toBeNull();
  });
});

describe('the delivery log', () => {
  it('names what a delivery is about from its payload, and reads it back', () => {
    expect(
      subjectOfEvent({ event_type: 'message.sent', created_at: '2026-12-01T10:00:00Z', data: { chat: { id: 'c1' }, sent_at: '2026-12-01T10:00:00Z' } }),
    ).toBe('chat:c1');
    expect(
      subjectOfEvent({
        event_type: 'phone_number.status_updated',
        created_at: '2026-12-01T10:00:00Z',
        data: { phone_number: '+12025550100', new_status: 'FLAGGED', changed_at: '2026-12-01T10:00:00Z' },
      }),
    ).toBe('line:+12025550100');
    expect(subjectOfEvent({ event_type: 'chat.created', data: {} })).toBeNull();
    expect(subjectOfEvent('not an event')).toBeNull();
    expect(parseSubject('chat:c1')).toEqual({ kind: 'chat', chatId: 'c1' });
    expect(parseSubject('line:+12025550100')).toEqual({ kind: 'line', phoneNumber: '+12025550100' });
    expect(parseSubject(null)).toBeNull();
  });

  it('shows a payload with every phone number and e-mail address masked', () => {
    const shown = maskedPayload({ data: { to: ['+14155550123'], from: 'ada@example.com', chat: { id: 'c1' } } });
    expect(shown).toContain('"+1…0123"');
    expect(shown).toContain('"a…@example.com"');
    expect(shown).toContain('"id": "c1"');
    expect(shown).not.toContain('5550123');
  });
});
