/** The first admin each console under test is started with (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-admin-password' };

/** The password of every staff account the tests create (tests/e2e/fixtures.ts). */
export const STAFF_PASSWORD = 'worker-password-123';

/** What the embedded console's database bridge asks of the tests (EMBEDDED_DB_PASSWORD). */
export const EMBEDDED_DB_PASSWORD = 'e2e-embedded-database-password';

/** Settings the PostgreSQL consoles share: two instances of one deployment. */
export const SHARED_SECRETS = {
  AUTH_SECRET: 'e2e-auth-secret-shared-by-the-postgres-consoles',
  LINQ_WEBHOOK_SECRET: `whsec_${Buffer.from('e2e webhook signing secret, 32 bytes').toString('base64')}`,
};

/** The bearer token Prometheus would present (METRICS_TOKEN). */
export const METRICS_TOKEN = 'e2e-metrics-token-for-the-scrape-test';

/** Every secret the consoles under test are given: none may appear in their logs (tests/support/log-scan.ts). */
export const E2E_SECRETS = [
  E2E_ADMIN.password,
  STAFF_PASSWORD,
  EMBEDDED_DB_PASSWORD,
  SHARED_SECRETS.AUTH_SECRET,
  SHARED_SECRETS.LINQ_WEBHOOK_SECRET,
  SHARED_SECRETS.LINQ_WEBHOOK_SECRET.slice('whsec_'.length),
  METRICS_TOKEN,
];
