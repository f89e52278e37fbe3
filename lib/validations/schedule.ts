import { z } from 'zod';
import { isTimeOfDay } from '@/lib/time-zone';
import { isTimeZoneChoice } from '@/lib/time-zone-names';
import { phoneNumberSchema } from '@/lib/validations/contact-card';

/** A number's daily re-share as the card page's form sends it. */
export const scheduleFormSchema = z.object({
  phoneNumber: phoneNumberSchema,
  enabled: z.boolean(),
  timeOfDay: z.string().trim().refine(isTimeOfDay, 'Enter a time as HH:MM, 24-hour (for example 09:00).'),
  timeZone: z.string().trim().refine(isTimeZoneChoice, 'Choose a time zone from the list (an IANA name such as America/New_York).'),
  onlyRepliedChats: z.boolean(),
});

export type ScheduleForm = z.infer<typeof scheduleFormSchema>;
