import { describe, expect, it } from 'vitest';
import { composeMessage, retryDelayMs, ruleOf, slackBody } from '@/lib/alerts/events';
import { alertRulesFields, alertRulesSchema, emailChannelSchema, slackChannelSchema } from '@/lib/validations/alerts';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 9, minute));

describe('alert messages', () => {
  it('one alert is its own subject, with its detail, time and link', () => {
    const message = composeMessage(
      [{ title: 'Linq flagged +15550100', detail: 'Shares stop.', link: '/cards/%2B15550100', createdAt: at(5) }],
      'https://console.example.com',
    );
    expect(message.subject).toBe('[Linq console] Linq flagged +15550100');
    expect(message.text).toContain('• Linq flagged +15550100\n  Shares stop.\n  2026-12-02 09:05 UTC\n  https://console.example.com/cards/%2B15550100');
    expect(message.text).toContain('Settings → Alerts: https://console.example.com/settings/alerts');
  });

  it('a storm is one message, oldest first, its subject counting the rest', () => {
    const alerts = [3, 1, 2].map((minute) => ({ title: `Run ${minute}`, detail: 'Figures.', link: null, createdAt: at(minute) }));
    const message = composeMessage(alerts, 'https://c.example');
    expect(message.subject).toBe('[Linq console] 3 alerts: Run 1, and 2 more');
    expect(message.text.indexOf('Run 1')).toBeLessThan(message.text.indexOf('Run 2'));
    expect(message.text.indexOf('Run 2')).toBeLessThan(message.text.indexOf('Run 3'));
    expect(slackBody(message).text.startsWith('*[Linq console] 3 alerts')).toBe(true);
  });

  it('retries wait 30 s, then twice as long each time, at most 8 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 480_000, 480_000]);
  });
});

describe('alert settings', () => {
  it('an event without a saved rule is on by default; the silence has its default minutes', () => {
    expect(ruleOf('RUN_FAILURES', undefined)).toEqual({ enabled: true, minutes: null });
    expect(ruleOf('WEBHOOKS_SILENT', undefined)).toEqual({ enabled: true, minutes: 60 });
    expect(ruleOf('WEBHOOKS_SILENT', { enabled: false, minutes: 15 })).toEqual({ enabled: false, minutes: 15 });
  });

  it('the email form needs a host without a scheme, a port, a sender and at least one recipient', () => {
    const form = {
      host: 'https://smtp.example.com',
      port: '99999',
      security: 'starttls',
      username: '',
      password: '',
      from: 'nope',
      to: 'ops@example.com, bad',
    };
    const result = emailChannelSchema.safeParse(form);
    expect(result.success).toBe(false);
    const fields = Object.keys(result.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(['from', 'host', 'port', 'to']);
    const good = emailChannelSchema.parse({
      ...form,
      host: 'smtp.example.com',
      port: '587',
      from: 'console@example.com',
      to: 'ops@example.com; oncall@example.com',
      enabled: 'on',
    });
    expect(good).toMatchObject({ enabled: true, port: 587, to: ['ops@example.com', 'oncall@example.com'], clearPassword: false });
  });

  it('a Slack address is HTTPS, or plain HTTP only to this machine; empty keeps the stored one', () => {
    expect(slackChannelSchema.safeParse({ url: 'https://hooks.slack.com/services/T/B/x' }).success).toBe(true);
    expect(slackChannelSchema.safeParse({ url: 'http://127.0.0.1:9000/hook' }).success).toBe(true);
    expect(slackChannelSchema.safeParse({ url: 'http://hooks.example.com/x' }).success).toBe(false);
    expect(slackChannelSchema.safeParse({ url: 'javascript:alert(1)' }).success).toBe(false);
    expect(slackChannelSchema.parse({ url: '' })).toEqual({ enabled: false, url: '' });
  });

  it('the events form reads a checkbox per event and bounds the silence', () => {
    const form = new FormData();
    form.set('on_NUMBER_FLAGGED', 'on');
    form.set('silenceMinutes', '2');
    const parsed = alertRulesSchema.safeParse(alertRulesFields(form));
    expect(parsed.success).toBe(false);
    form.set('silenceMinutes', '30');
    const rules = alertRulesSchema.parse(alertRulesFields(form));
    expect(rules.silenceMinutes).toBe(30);
    expect(rules.on.NUMBER_FLAGGED).toBe(true);
    expect(rules.on.RUN_FAILURES).toBe(false);
  });
});
