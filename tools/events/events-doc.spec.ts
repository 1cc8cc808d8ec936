import { readFileSync } from 'node:fs';
import { DOMAIN_EVENT_TYPES } from '@clockwork/server-core';
import { eventsDoc, EVENTS_DOC, workerEventHandlers } from './events-doc';

describe('docs/events.md', () => {
  it('is what the code declares: the event catalogue and the worker\'s @OnDomainEvent handlers (run `npm run events:doc`)', async () => {
    expect(readFileSync(EVENTS_DOC, 'utf8')).toEqual(await eventsDoc());
  }, 60_000);

  it('reaches a handler with every catalogued event, and handlers name only catalogued events', async () => {
    const handlers = await workerEventHandlers();
    const handled = new Set(handlers.flatMap((h) => [...h.events]));
    for (const h of handlers) for (const e of h.events) expect(DOMAIN_EVENT_TYPES).toContain(e);
    expect(DOMAIN_EVENT_TYPES.filter((t) => !handled.has(t))).toEqual([]);
    expect(handlers.length).toBeGreaterThanOrEqual(7);
  }, 60_000);
});
