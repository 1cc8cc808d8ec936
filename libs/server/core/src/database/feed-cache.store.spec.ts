import type { ChangeFeed, ChangeSubscriber } from './change-feed.store';
import { FeedCache } from './feed-cache.store';

/** A feed whose session is up or down at will, and which hands the cache's subscriber to the test. */
function feed() {
  const state = { up: true, channel: '', subscriber: undefined as ChangeSubscriber | undefined };
  const fake = {
    listening: (channel: string) => state.up && channel === state.channel,
    subscribe: async (channel: string, s: ChangeSubscriber) => {
      state.channel = channel;
      state.subscriber = s;
    },
  } as unknown as ChangeFeed;
  return { state, fake };
}

function cacheOn(ttlMs = 60_000) {
  const { state, fake } = feed();
  const cache: FeedCache<string> = new FeedCache<string>(fake, 'things_changed', ttlMs, (payload) => cache.forget(payload));
  return { state, cache };
}

describe('FeedCache', () => {
  it('reads through until it has subscribed, then keeps each key until its announcement', async () => {
    const { state, cache } = cacheOn();
    const load = jest.fn(async () => 'v');
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(1);
    await cache.subscribe();
    await cache.subscribe();
    expect(state.channel).toBe('things_changed');
    await cache.get('a', load);
    await cache.get('a', load);
    await cache.get('b', load);
    expect(load).toHaveBeenCalledTimes(3);
    state.subscriber?.notified('a');
    await cache.get('a', load);
    await cache.get('b', load);
    expect(load).toHaveBeenCalledTimes(4); // a read again, b still kept
  });

  it('drops every key of a prefix, everything on reset, and reads through while the feed is down', async () => {
    const { state, cache } = cacheOn();
    await cache.subscribe();
    const load = jest.fn(async () => 'v');
    for (const key of ['o1:x', 'o1:y', 'o2:x']) await cache.get(key, load);
    cache.forgetPrefix('o1:');
    for (const key of ['o1:x', 'o1:y', 'o2:x']) await cache.get(key, load);
    expect(load).toHaveBeenCalledTimes(5);
    state.subscriber?.reset();
    await cache.get('o2:x', load);
    expect(load).toHaveBeenCalledTimes(6);
    state.up = false;
    await cache.get('o2:x', load);
    await cache.get('o2:x', load);
    expect(load).toHaveBeenCalledTimes(8);
  });

  it('does not keep a read that a change overlapped', async () => {
    const { cache } = cacheOn();
    await cache.subscribe();
    let release: (value: string) => void = () => undefined;
    const slow = cache.get('a', () => new Promise((resolve) => (release = resolve)));
    cache.forget('other'); // any change committed while the read was in flight
    release('old');
    expect(await slow).toBe('old');
    const fresh = jest.fn(async () => 'new');
    expect(await cache.get('a', fresh)).toBe('new');
    expect(fresh).toHaveBeenCalledTimes(1);
  });

  it('lets an entry live at most its time, and keeps at most 10,000 (the oldest goes)', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const { cache } = cacheOn(1_000);
      await cache.subscribe();
      const load = jest.fn(async () => 'v');
      await cache.get('a', load);
      jest.setSystemTime(999);
      await cache.get('a', load);
      expect(load).toHaveBeenCalledTimes(1);
      jest.setSystemTime(1_000);
      await cache.get('a', load);
      expect(load).toHaveBeenCalledTimes(2);
      for (let i = 0; i < 10_000; i++) await cache.get(`k${i}`, load); // 'a' is the oldest now
      await cache.get('k9999', load);
      expect(load).toHaveBeenCalledTimes(10_002);
      await cache.get('a', load);
      expect(load).toHaveBeenCalledTimes(10_003);
    } finally {
      jest.useRealTimers();
    }
  });
});
