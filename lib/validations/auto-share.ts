import { z } from 'zod';
import { isTimeOfDay } from '@/lib/time-zone';
import { isTimeZoneChoice } from '@/lib/time-zone-names';
import { phoneNumberSchema } from '@/lib/validations/contact-card';

/** Delays offered and accepted: none to a day. */
export const MAX_DELAY_MINUTES = 24 * 60;

/** The highest daily cap accepted: far above what a number's reputation would bear. */
export const MAX_DAILY_CAP = 10_000;

const timeOfDay = z.string().trim().refine(isTimeOfDay, 'Enter a time as HH:MM, 24-hour (for example 21:00).');

/** A number's automatic share as the card page's form sends it. */
export const autoShareFormSchema = z
  .object({
    phoneNumber: phoneNumberSchema,
    enabled: z.boolean(),
    trigger: z.enum(['FIRST_OUTBOUND', 'FIRST_REPLY'], { error: 'Choose when the card is shared.' }),
    delayMinutes: z.coerce
      .number({ error: 'Enter the delay in minutes.' })
      .int('Enter a whole number of minutes.')
      .min(0, 'The delay cannot be negative.')
      .max(MAX_DELAY_MINUTES, 'The delay can be 24 hours (1440 minutes) at most.'),
    quietHours: z.boolean(),
    quietStart: z.string(),
    quietEnd: z.string(),
    timeZone: z.string().trim().refine(isTimeZoneChoice, 'Choose a time zone from the list (an IANA name such as America/New_York).'),
    includeGroups: z.boolean(),
    dailyCap: z.coerce
      .number({ error: 'Enter how many automatic shares a day at most.' })
      .int('Enter a whole number.')
      .min(1, 'The cap must allow at least one share a day; switch automatic share off instead.')
      .max(MAX_DAILY_CAP, `The cap can be ${MAX_DAILY_CAP.toLocaleString('en-US')} a day at most.`),
  })
  .superRefine((form, context) => {
    if (!form.quietHours) return;
    for (const field of ['quietStart', 'quietEnd'] as const) {
      const parsed = timeOfDay.safeParse(form[field]);
      if (!parsed.success) context.addIssue({ code: 'custom', path: [field], message: parsed.error.issues[0]!.message });
    }
    if (form.quietStart.trim() === form.quietEnd.trim())
      context.addIssue({ code: 'custom', path: ['quietEnd'], message: 'Quiet hours must end at another time than they start.' });
  })
  .transform(({ quietHours, quietStart, quietEnd, ...rest }) => ({
    ...rest,
    quietStart: quietHours ? quietStart.trim() : null,
    quietEnd: quietHours ? quietEnd.trim() : null,
  }));

export type AutoShareForm = z.output<typeof autoShareFormSchema>;
export type AutoShareField = 'trigger' | 'delayMinutes' | 'quietStart' | 'quietEnd' | 'timeZone' | 'dailyCap';
