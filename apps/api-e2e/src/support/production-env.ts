/**
 * What an api needs to boot with NODE_ENV=production (no development placeholder secrets), for
 * tests of production behaviour. Production verifies signups by email by default; these tests
 * sign up through the API for a session (verification itself: auth/account-lifecycle.spec.ts).
 */
export const PRODUCTION_ENV: Record<string, string> = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
  ENCRYPTION_KEYS: `prod:${Buffer.alloc(32, 7).toString('base64')}`,
  BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
  SIGNUP_VERIFY_EMAIL: 'false',
  METRICS_TOKEN: 'a-metrics-token-of-at-least-32-characters',
};
