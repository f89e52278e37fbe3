'use client';

import { ErrorState } from '@/components/shell/error-state';

// Inside the dashboard: the sidebar stays, only the page is replaced.
export default ErrorState;
