import { z } from 'zod';
import { firstValue } from '@/lib/validations/route-params';

/** The delivery log's filters as its address carries them; anything malformed reads as no filter. */
export const deliveryLogFiltersSchema = z.object({
  type: z.preprocess(
    firstValue,
    z
      .string()
      .regex(/^[a-z_.]{1,60}$/)
      .optional()
      .catch(undefined),
  ),
  status: z.preprocess(firstValue, z.enum(['RECEIVED', 'APPLIED', 'IGNORED', 'FAILED']).optional().catch(undefined)),
  before: z.preprocess(firstValue, z.string().max(100).optional().catch(undefined)),
});

export type DeliveryLogFilters = z.infer<typeof deliveryLogFiltersSchema>;
