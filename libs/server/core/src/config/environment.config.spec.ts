import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Env, InvalidEnvironmentError, loadEnv, parseBoardUsers, PLACEHOLDER_ENCRYPTION_KEYS } from './environment.config';

const strongKey = Buffer.alloc(32, 7).toString('base64');

describe('loadEnv', () => {
  it('applies safe local defaults', () => {
    const env = loadEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.WEB_PORT).toBe(4200);
    expect(env.SIGNUP_ENABLED).toBe(true);
    expect(env.WEBHOOK_ALLOW_PRIVATE_TARGETS).toBe(false);
  });

  it('verifies signups by email by default in production only, unless told otherwise', () => {
    expect(loadEnv({}).SIGNUP_VERIFY_EMAIL).toBe(false);
    expect(loadEnv({ NODE_ENV: 'test' }).SIGNUP_VERIFY_EMAIL).toBe(false);
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEYS: `k1:${strongKey}`, METRICS_TOKEN: 'm'.repeat(32), BLIND_INDEX_KEY: randomBytes(32).toString('base64') };
    expect(loadEnv(production).SIGNUP_VERIFY_EMAIL).toBe(true);
    expect(loadEnv({ ...production, SIGNUP_VERIFY_EMAIL: 'false' }).SIGNUP_VERIFY_EMAIL).toBe(false);
    expect(loadEnv({ SIGNUP_VERIFY_EMAIL: 'true' }).SIGNUP_VERIFY_EMAIL).toBe(true);
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

  const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ENCRYPTION_KEYS: `k1:${strongKey}`, METRICS_TOKEN: 'm'.repeat(32), BLIND_INDEX_KEY: randomBytes(32).toString('base64') };

  it('requires a blind-index key of its own in production', () => {
    const real = { ...production, BLIND_INDEX_KEY: undefined };
    expect(() => loadEnv(real)).toThrow(/BLIND_INDEX_KEY: required in production/);
    expect(() => loadEnv({ ...real, BLIND_INDEX_KEY: strongKey })).toThrow(/BLIND_INDEX_KEY: must be a key of its own/);
    expect(() => loadEnv({ ...real, BLIND_INDEX_KEY: PLACEHOLDER_ENCRYPTION_KEYS.split(':')[1] })).toThrow(/BLIND_INDEX_KEY: must be a key of its own/);
    expect(() => loadEnv({ BLIND_INDEX_KEY: 'c2hvcnQ=' })).toThrow(/BLIND_INDEX_KEY: must decode to at least 32 bytes/);
    expect(() => loadEnv({ BLIND_INDEX_KEY: 'not base64!' })).toThrow(/BLIND_INDEX_KEY must be base64/);
  });

  it('boots in production with real secrets', () => {
    const env = loadEnv(production);
    expect(env.NODE_ENV).toBe('production');
    expect(env.QUEUE_BOARD_USERS).toBe('');
    expect(env.QUEUE_BOARD_READ_ONLY).toBe(true);
    expect(env.WORKER_METRICS_HOST).toBe('127.0.0.1');
  });

  it('refuses to boot in production without a METRICS_TOKEN of 32 characters or more', () => {
    expect(() => loadEnv({ ...production, METRICS_TOKEN: '' })).toThrow(/METRICS_TOKEN: required in production/);
    expect(() => loadEnv({ ...production, METRICS_TOKEN: 'short-token' })).toThrow(/METRICS_TOKEN/);
    expect(() => loadEnv({ METRICS_TOKEN: '' })).not.toThrow();
  });

  it('reads QUEUE_BOARD_USERS as user:password pairs and refuses other shapes', () => {
    expect(parseBoardUsers('')).toEqual([]);
    expect(parseBoardUsers('ops:pa:ss word,night:X9!k')).toEqual([
      { user: 'ops', password: 'pa:ss word' },
      { user: 'night', password: 'X9!k' },
    ]);
    for (const bad of ['ops', 'ops:', ':pw', 'ops:pw,', 'o ps:pw', 'ops:pw,,x:y']) {
      expect(() => loadEnv({ QUEUE_BOARD_USERS: bad })).toThrow(/QUEUE_BOARD_USERS must be user:password pairs/);
    }
    expect(loadEnv({ QUEUE_BOARD_USERS: 'ops:short', QUEUE_BOARD_READ_ONLY: 'false' })).toMatchObject({ QUEUE_BOARD_USERS: 'ops:short', QUEUE_BOARD_READ_ONLY: false });
  });

  it('refuses weak or placeholder queue board passwords in production, naming the user', () => {
    const strong = 'q7Vt-2mWx9Lp#4Rz';
    expect(loadEnv({ ...production, QUEUE_BOARD_USERS: `ops:${strong}` }).QUEUE_BOARD_USERS).toBe(`ops:${strong}`);
    for (const weak of ['short1!', 'aaaaaaaaaaaaaaaaaaaa', 'ops-operator-2026-xyz!', 'my-Password-is-long-9', 'changeme-changeme-42', 'example-board-pass-7']) {
      expect(() => loadEnv({ ...production, QUEUE_BOARD_USERS: `ops:${strong},night:${weak.replace('ops', 'night')}` })).toThrow(/QUEUE_BOARD_USERS: the password of "night" is weak/);
    }
  });

  it('refuses a WORKER_METRICS_HOST that is not an address', () => {
    expect(() => loadEnv({ WORKER_METRICS_HOST: 'http://0.0.0.0' })).toThrow(/WORKER_METRICS_HOST/);
    expect(loadEnv({ WORKER_METRICS_HOST: '0.0.0.0' }).WORKER_METRICS_HOST).toBe('0.0.0.0');
  });

  it('keeps attachments under the data folder unless ATTACHMENTS_DIR says otherwise', () => {
    expect(loadEnv({}).ATTACHMENTS_DIR).toBe(join('.data', 'attachments'));
    expect(loadEnv({ CLOCKWORK_DATA_DIR: '/srv/ck' }).ATTACHMENTS_DIR).toBe('/srv/ck/attachments');
    expect(loadEnv({ CLOCKWORK_DATA_DIR: '/srv/ck', ATTACHMENTS_DIR: '/mnt/files' }).ATTACHMENTS_DIR).toBe('/mnt/files');
    expect(loadEnv({ ATTACHMENT_MAX_BYTES: '1048576' }).ATTACHMENT_MAX_BYTES).toBe(1048576);
  });

  it('refuses the s3 storage driver without its settings, naming each missing one', () => {
    expect(() => loadEnv({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET: required when STORAGE_DRIVER=s3[\s\S]*S3_REGION: required when STORAGE_DRIVER=s3/);
    expect(() => loadEnv({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_REGION: 'r', S3_ACCESS_KEY_ID: 'id' })).toThrow(/S3_SECRET_ACCESS_KEY: required with S3_ACCESS_KEY_ID/);
    expect(() => loadEnv({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b', S3_REGION: 'r', S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT must be an http\(s\) URL/);
    expect(() => loadEnv({ STORAGE_DRIVER: 'ftp' })).toThrow(/STORAGE_DRIVER/);
    const env = loadEnv({ STORAGE_DRIVER: 's3', S3_BUCKET: 'files', S3_REGION: 'us-east-1', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true' });
    expect(env).toMatchObject({ STORAGE_DRIVER: 's3', S3_BUCKET: 'files', S3_FORCE_PATH_STYLE: true });
    expect(() => loadEnv({ S3_ACCESS_KEY_ID: 'id' })).not.toThrow();
  });

  it('documents every variable in the README table', () => {
    const readme = readFileSync(join(__dirname, '../../../../../README.md'), 'utf8');
    const names = Object.keys(new Env());
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'));
  });
});
