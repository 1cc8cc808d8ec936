import type { ChangeFeed, ChangeSubscriber } from '@clockwork/server-core';
import type { CustomFieldDefinition } from '@clockwork/shared-entities';
import { CustomFieldDefinitionsCache } from './custom-field-definitions.store';

/** A feed whose session is up or down at will, and which hands the cache's subscriber to the test. */
function feed() {
  const state = { up: true, subscriber: undefined as ChangeSubscriber | undefined };
  const fake = {
    listening: () => state.up,
    subscribe: async (_channel: string, s: ChangeSubscriber) => void (state.subscriber = s),
  } as unknown as ChangeFeed;
  return { state, fake };
}

const def = (key: string) => ({ key }) as CustomFieldDefinition;

describe('CustomFieldDefinitionsCache', () => {
  it('reads once while the feed listens, and again after the organization is announced', async () => {
    const { state, fake } = feed();
    const cache = new CustomFieldDefinitionsCache(fake);
    const load = jest.fn(async () => [def('tier')]);
    expect(await cache.live('o1', 'contact', load)).toEqual([def('tier')]);
    expect(await cache.live('o1', 'contact', load)).toEqual([def('tier')]);
    expect(load).toHaveBeenCalledTimes(1);
    await cache.live('o2', 'contact', load);
    expect(load).toHaveBeenCalledTimes(2);

    state.subscriber?.notified('o1');
    await cache.live('o1', 'contact', load);
    await cache.live('o2', 'contact', load);
    expect(load).toHaveBeenCalledTimes(3); // o1 read again, o2 still kept
  });

  it('reads through while the feed is down, and forgets everything when it is reset', async () => {
    const { state, fake } = feed();
    const cache = new CustomFieldDefinitionsCache(fake);
    const load = jest.fn(async () => [def('tier')]);
    await cache.live('o1', 'deal', load);
    state.subscriber?.reset();
    await cache.live('o1', 'deal', load);
    expect(load).toHaveBeenCalledTimes(2);
    state.up = false;
    await cache.live('o1', 'deal', load);
    await cache.live('o1', 'deal', load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('does not keep a read that a change overlapped', async () => {
    const { fake } = feed();
    const cache = new CustomFieldDefinitionsCache(fake);
    let release: (defs: CustomFieldDefinition[]) => void = () => undefined;
    const slow = cache.live('o1', 'task', () => new Promise((resolve) => (release = resolve)));
    cache.forget('o1'); // committed while the read was in flight
    release([def('old')]);
    expect(await slow).toEqual([def('old')]);
    const fresh = jest.fn(async () => [def('new')]);
    expect(await cache.live('o1', 'task', fresh)).toEqual([def('new')]);
    expect(fresh).toHaveBeenCalledTimes(1);
  });
});
