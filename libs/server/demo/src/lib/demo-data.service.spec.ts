import { ConflictException, NotFoundException } from '@nestjs/common';
import { AuditWriter } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import { DemoDataRepository } from './demo-data.repository';
import { demoDataAllowed, DemoDataService } from './demo-data.service';
import { DEMO_ACCOUNTS } from './demo-data.fixture';
import { DemoRecordsLoader } from './demo-records.loader';
import { DemoTimeLoader } from './demo-time.loader';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
  ENCRYPTION_KEYS: `prod:${Buffer.alloc(32, 7).toString('base64')}`,
  BLIND_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
  METRICS_TOKEN: 'a-metrics-token-of-at-least-32-characters',
};

function setup(state: { loaded: boolean; holding: string[] }, locked = true, env: Record<string, string> = {}) {
  const test = newTestService(DemoDataService, { env });
  const repository = test.mock(DemoDataRepository);
  repository.state.mockResolvedValue(state);
  repository.whileLocked.mockImplementation(async (work) => (locked ? work() : null));
  const records = test.mock(DemoRecordsLoader);
  records.load.mockResolvedValue({ people: {}, accounts: {}, deals: {} });
  const time = test.mock(DemoTimeLoader);
  time.load.mockResolvedValue({ timeEntries: 72, unmapped: 8 });
  return { ...test, repository, records, time, audit: test.mock(AuditWriter) };
}

describe('demoDataAllowed', () => {
  it('always outside production; in production only with DEMO_DATA_ENABLED', () => {
    expect(demoDataAllowed({ NODE_ENV: 'development', DEMO_DATA_ENABLED: false })).toBe(true);
    expect(demoDataAllowed({ NODE_ENV: 'test', DEMO_DATA_ENABLED: false })).toBe(true);
    expect(demoDataAllowed({ NODE_ENV: 'production', DEMO_DATA_ENABLED: false })).toBe(false);
    expect(demoDataAllowed({ NODE_ENV: 'production', DEMO_DATA_ENABLED: true })).toBe(true);
  });
});

describe('DemoDataService', () => {
  it('loads an empty organization under the lock, then writes one summary audit row', async () => {
    const { sut, records, time, audit } = setup({ loaded: false, holding: [] });
    const result = await sut.load(new Date('2026-12-09T12:00:00Z'));
    expect(result).toMatchObject({ status: 'loaded', created: { accounts: DEMO_ACCOUNTS.length, time_entries: 72, unmapped_time_entries: 8, invoices: 1 } });
    expect(records.load).toHaveBeenCalledTimes(1);
    expect(time.load).toHaveBeenCalledTimes(1);
    expect(audit.record).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ action: 'load', objectType: 'demo_data' }));
  });

  it('adds nothing when the sample data is there', async () => {
    const { sut, records, audit } = setup({ loaded: true, holding: ['accounts'] });
    expect((await sut.load()).status).toBe('already_loaded');
    expect(records.load).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('refuses an organization with records of its own, and a second load running at once (409)', async () => {
    const busy = setup({ loaded: false, holding: ['accounts', 'rates'] });
    await expect(busy.sut.load()).rejects.toThrow(new ConflictException('Sample data goes into an empty organization only; this one already has accounts, rates'));
    expect(busy.records.load).not.toHaveBeenCalled();
    const racing = setup({ loaded: false, holding: [] }, false);
    await expect(racing.sut.load()).rejects.toBeInstanceOf(ConflictException);
    expect(racing.records.load).not.toHaveBeenCalled();
  });

  it('reports the status it would act on', async () => {
    expect(await setup({ loaded: false, holding: [] }).sut.status()).toEqual({ status: 'available' });
    expect(await setup({ loaded: false, holding: ['deals'] }).sut.status()).toEqual({ status: 'not_empty' });
    expect(await setup({ loaded: true, holding: ['deals'] }).sut.status()).toEqual({ status: 'already_loaded' });
  });

  it('is a 404 where the server does not offer sample data', async () => {
    const { sut, repository } = setup({ loaded: false, holding: [] }, true, PRODUCTION);
    await expect(sut.load()).rejects.toBeInstanceOf(NotFoundException);
    await expect(sut.status()).rejects.toBeInstanceOf(NotFoundException);
    expect(repository.state).not.toHaveBeenCalled();
    const enabled = setup({ loaded: false, holding: [] }, true, { ...PRODUCTION, DEMO_DATA_ENABLED: 'true' });
    expect(await enabled.sut.status()).toEqual({ status: 'available' });
  });
});
