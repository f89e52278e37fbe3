import { z } from 'zod';

/** Periods Impact offers, in weeks back from today. */
export const IMPACT_WEEKS = ['4', '8', '13'] as const;
/** Windows after a share the chart can show, in days. */
export const IMPACT_WITHIN = ['1', '3', '7'] as const;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** Impact's filters as its address carries them; anything else reads as the default. */
export const impactFiltersSchema = z.object({
  number: z.preprocess(
    first,
    z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/)
      .optional()
      .catch(undefined),
  ),
  weeks: z.preprocess(first, z.enum(IMPACT_WEEKS).catch('8')),
  within: z.preprocess(first, z.enum(IMPACT_WITHIN).catch('3')),
});

export type ImpactFilters = z.infer<typeof impactFiltersSchema>;
