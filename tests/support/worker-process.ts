// A console's background side on its own, as a separate process: the tests kill it mid-job.
// Run with `tsx --conditions=react-server` (server-only modules), DATABASE_URL and LINQ_API_BASE_URL set.
import { startBackgroundJobs } from '@/lib/jobs/workers';

process.env.BACKGROUND_JOBS = 'on';
await startBackgroundJobs();
console.log('workers started');
