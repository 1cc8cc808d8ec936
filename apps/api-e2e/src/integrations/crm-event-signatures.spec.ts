import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { CreatedIntegration, createIntegration, sendCrmEvent } from '../support/domains/integrations.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';

/**
 * The webhook route trusts only a Standard Webhooks signature made with the integration's secret
 * (the reference `standardwebhooks` library signs here): anything else is a 401 and leaves
 * nothing behind: no entry, no receipt, no audit row, no event.
 */
describe('POST /webhooks/crm-event/{id}: signatures', () => {
  const api = apiWithOrg('Signed Org');
  let integration: CreatedIntegration;
  const count = async (table: string) => Number((await api.db.query(`SELECT count(*) AS n FROM ${table} WHERE organization_id = $1`, [api.admin.organizationId]))[0].n);
  const footprint = async () => ({ entries: await count('time_entries'), receipts: await count('webhook_receipts'), audit: await count('audit_logs'), events: await count('outbox_events') });
  const created = (externalId: string) => ({ type: 'time_entry.created', data: timeEntryBody({ external_id: externalId }) });
  const send = (event: unknown, options: Parameters<typeof sendCrmEvent>[4] = {}) => sendCrmEvent(api.app, integration.id, integration.signing_secret, event, options);

  beforeAll(async () => {
    integration = await createIntegration(api.app, api.admin);
  });

  it('accepts an event signed by the reference library and stores the entry as the integration', async () => {
    const res = await send(created('sig-ok')).expect(200);
    expect(res.body).toEqual({ status: 'processed', type: 'time_entry.created', result: 'created' });
    const [entry] = await api.db.query(`SELECT id, duration_seconds FROM time_entries WHERE organization_id = $1 AND external_id = 'sig-ok'`, [api.admin.organizationId]);
    expect(entry.duration_seconds).toBe(3600);
    const audit = await api.db.query(`SELECT actor_type, actor_id FROM audit_logs WHERE organization_id = $1 AND object_id = $2`, [api.admin.organizationId, entry.id]);
    expect(audit).toEqual([{ actor_type: 'integration', actor_id: integration.id }]);
    const events = await api.db.query(`SELECT type FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2`, [api.admin.organizationId, entry.id]);
    expect(events).toHaveLength(1);
  });

  const refusals: [string, () => Promise<request.Response>, RegExp][] = [
    ['a tampered body', () => {
      const at = new Date();
      const signature = new Webhook(integration.signing_secret).sign('m1', at, JSON.stringify(created('sig-other')));
      return send(undefined, { raw: JSON.stringify(created('sig-tampered')), msgId: 'm1', at, headers: { 'webhook-signature': signature } });
    }, /No valid webhook-signature/],
    ['a wrong secret', () => sendCrmEvent(api.app, integration.id, 'whsec_' + Buffer.alloc(32, 7).toString('base64'), created('sig-wrong')), /No valid webhook-signature/],
    ['a stale timestamp (> 5 minutes old)', () => send(created('sig-stale'), { at: new Date(Date.now() - 301_000) }), /more than 5 minutes old/],
    ['a future timestamp (> 5 minutes ahead)', () => send(created('sig-future'), { at: new Date(Date.now() + 301_000) }), /more than 5 minutes in the future/],
    ['no webhook-id', () => send(created('sig-no-id'), { headers: { 'webhook-id': undefined } }), /Missing webhook-id header/],
    ['no webhook-timestamp', () => send(created('sig-no-ts'), { headers: { 'webhook-timestamp': undefined } }), /Missing webhook-timestamp header/],
    ['no webhook-signature', () => send(created('sig-no-sig'), { headers: { 'webhook-signature': undefined } }), /Missing webhook-signature header/],
    ['a signature of another webhook-id', () => send(created('sig-replayed-id'), { headers: { 'webhook-id': 'msg_other' } }), /No valid webhook-signature/],
    ['an unknown integration', () => sendCrmEvent(api.app, '0190c7a2-0000-7000-8000-000000000000', integration.signing_secret, created('sig-unknown')), /Unknown or disabled integration/],
  ];
  for (const [what, call, message] of refusals) {
    it(`answers 401 to ${what} and stores nothing`, async () => {
      const before = await footprint();
      const res = await call();
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: expect.stringMatching(message) });
      expect(await footprint()).toEqual(before);
    });
  }

  it('a bearer token does not stand in for the signature', async () => {
    const res = await send(created('sig-bearer'), { headers: { 'webhook-signature': undefined, authorization: `Bearer ${api.admin.accessToken}` } });
    expect(res.status).toBe(401);
  });

  it('accepts a header with several signatures of which one is valid', async () => {
    const msgId = 'msg_multi';
    const at = new Date();
    const body = JSON.stringify(created('sig-multi'));
    const good = new Webhook(integration.signing_secret).sign(msgId, at, body);
    const other = new Webhook('whsec_' + Buffer.alloc(32, 1).toString('base64')).sign(msgId, at, body);
    const res = await send(undefined, { raw: body, msgId, at, headers: { 'webhook-signature': `${other} v2,abc ${good}` } }).expect(200);
    expect(res.body.result).toBe('created');
    await send(undefined, { raw: body, msgId: 'msg_multi_2', at, headers: { 'webhook-id': 'msg_multi_2', 'webhook-signature': `${other} ${other}` } }).expect(401);
  });

  it('answers a well-signed but malformed body with 400 naming what is wrong, storing nothing', async () => {
    const before = await footprint();
    const notJson = await send(undefined, { raw: 'type=time_entry.created' }).expect(400);
    expect(notJson.body.details).toEqual([{ field: 'body', errors: ['body must be JSON'] }]);
    const noType = await send({ data: {} }).expect(400);
    expect(noType.body.details.map((d: { field: string }) => d.field)).toEqual(['type']);
    const badEntry = await send({ type: 'time_entry.created', data: timeEntryBody({ external_id: 'sig-bad', productivity_score: 3, end_time: '2026-03-02T08:00:00.000Z' }) }).expect(400);
    expect(badEntry.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['data.end_time', 'data.productivity_score']);
    expect(await footprint()).toEqual(before);
  });

  it('answers a malformed integration id with 400 and an oversized body with 413', async () => {
    await send(created('x')).expect(200);
    await request(api.app.getHttpServer()).post('/api/v1/webhooks/crm-event/not-a-uuid').send({}).expect(400);
    const huge = JSON.stringify({ type: 'time_entry.created', data: { pad: 'x'.repeat(9 * 1024 * 1024) } });
    await send(undefined, { raw: huge }).expect(413);
  });
});
