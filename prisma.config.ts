import { defineConfig } from 'prisma/config';

// The CLI (generate, migrate deploy against PostgreSQL) reads its URL here. The embedded
// default (`pglite:`) is migrated by the app itself at start-up; see lib/database/migrations.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'pglite:./.data/db' },
});
