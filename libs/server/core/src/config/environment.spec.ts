import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Env, InvalidEnvironmentError, loadEnv, PLACEHOLDER_ENCRYPTION_KEYS } from './environment';

const strongKey = Buffer.alloc(32, 7).toString('base64');

describe('loadEnv', () => {
  it('applies safe local defaults', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.WEB_PORT).toBe(4200);
    expect(env.SIGNUP_ENABLED).toBe(true);
    expect(env.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(false);
  });

  it('converts numbers and booleans from strings', () => {
    const env = loadEnv({ PORT: '8080', SIGNUP_ENABLED: 'false', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
    expect(env.PORT).toBe(8080);
    expect(env.SIGNUP_ENABLED).toBe(false);
    expect(env.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(true);
  });

  it('names every bad variable at once', () => {
    expect(() => loadEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging' })).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/PORT[\s\S]*DATABASE_URL[\s\S]*NODE_ENV|NODE_ENV[\s\S]*PORT/) }),
    );
    try {
      loadEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidEnvironmentError);
      expect((e as Error).message).toContain('PORT');
      expect((e as Error).message).toContain('DATABASE_URL');
    }
  });

  it('refuses encryption keys that are not 32 bytes', () => {
    expect(() => loadEnv({ ENCRYPTION_KEYS: 'k1:c2hvcnQ=' })).toThrow(/key "k1" must decode to 32 bytes/);
  });

  it('refuses to boot in production with placeholder secrets, naming each', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: still the development placeholder[\s\S]*ENCRYPTION_KEYS: contains the development placeholder/);
    expect(() =>
      loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEYS: `${PLACEHOLDER_ENCRYPTION_KEYS},k2:${strongKey}` }),
    ).toThrow(/ENCRYPTION_KEYS/);
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'short', ENCRYPTION_KEYS: `k1:${strongKey}` })).toThrow(/at least 32/);
  });

  it('boots in production with real secrets', () => {
    const env = loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEYS: `k1:${strongKey}` });
    expect(env.NODE_ENV).toBe('production');
  });

  it('documents every variable in the README table', () => {
    const readme = readFileSync(join(__dirname, '../../../../../README.md'), 'utf8');
    const names = Object.keys(new Env());
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });
});
