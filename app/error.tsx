'use client';

import { ErrorState } from '@/components/shell/error-state';

// Outside the dashboard (sign-in, set password): the same message instead of Next's bare default.
export default ErrorState;
