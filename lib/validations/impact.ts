import { z } from 'zod';
import { firstValue, phoneNumberQuery } from '@/lib/validations/route-params';

/** Periods Impact offers, in weeks back from today. */
export const IMPACT_WEEKS = ['4', '8', '13'] as const;
/** Windows after a share the chart can show, in days. */
export const IMPACT_WITHIN = ['1', '3', '7'] as const;

/** Impact's filters as its address carries them; anything else reads as the default. */
export const impactFiltersSchema = z.object({
  number: phoneNumberQuery,
  weeks: z.preprocess(firstValue, z.enum(IMPACT_WEEKS).catch('8')),
  within: z.preprocess(firstValue, z.enum(IMPACT_WITHIN).catch('3')),
});

export type ImpactFilters = z.infer<typeof impactFiltersSchema>;
