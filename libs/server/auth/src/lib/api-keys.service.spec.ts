import type { Env, RecordWriter } from '@clockwork/server-core';
import type { ApiKey } from '@clockwork/shared-entities';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { sha256 } from './secret-token.util';

const KEY = `ck_0123456789ab_${'A'.repeat(43)}`;

function setup(stored: Partial<ApiKey> | null) {
  const keys = {
    findByPrefixForAuth: jest.fn(async () => (stored ? ({ id: 'k1', organizationId: 'o1', role: 'manager', keyHash: sha256(KEY), revokedAt: null, expiresAt: null, rateLimitPerMinute: null, ...stored } as ApiKey) : null)),
    markUsed: jest.fn(async () => undefined),
  } as unknown as jest.Mocked<ApiKeysRepository>;
  const env = { API_KEY_DEFAULT_RATE_LIMIT: 600 } as Env;
  const service = new ApiKeysService({} as RecordWriter, keys, env);
  return { service, keys };
}

describe('ApiKeysService.authenticate', () => {
  it('returns the key as a principal with its role and limit', async () => {
    const { service, keys } = setup({ rateLimitPerMinute: 5 });
    await expect(service.authenticate(KEY)).resolves.toEqual({ kind: 'api_key', id: 'k1', organizationId: 'o1', role: 'manager', rateLimitPerMinute: 5 });
    expect(keys.findByPrefixForAuth).toHaveBeenCalledWith('0123456789ab');
    expect(keys.markUsed).toHaveBeenCalled();
  });

  it('applies the default limit to keys without their own', async () => {
    const { service } = setup({});
    await expect(service.authenticate(KEY)).resolves.toMatchObject({ rateLimitPerMinute: 600 });
  });

  it('refuses malformed keys without a lookup', async () => {
    const { service, keys } = setup({});
    await expect(service.authenticate('ck_nope')).rejects.toThrow('Invalid API key');
    expect(keys.findByPrefixForAuth).not.toHaveBeenCalled();
  });

  it('refuses a key whose secret does not match the stored hash', async () => {
    const { service } = setup({ keyHash: sha256('something else') });
    await expect(service.authenticate(KEY)).rejects.toThrow('Invalid API key');
  });

  it('refuses unknown, revoked and expired keys', async () => {
    await expect(setup(null).service.authenticate(KEY)).rejects.toThrow('Invalid API key');
    await expect(setup({ revokedAt: new Date() }).service.authenticate(KEY)).rejects.toThrow('revoked');
    await expect(setup({ expiresAt: new Date(Date.now() - 1000) }).service.authenticate(KEY)).rejects.toThrow('expired');
  });
});
