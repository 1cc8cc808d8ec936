import { DomainEventDispatcher, HousekeepingProcessor, OutboxCleanup, SEALED, SealedColumns } from '@clockwork/server-core';
import { WebhookDeliveriesCleanup } from '@clockwork/server-webhooks';
import type { WebhookDeliveryDto } from '@clockwork/shared-dto';
import { HOUSEKEEPING_JOB } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuid } from 'uuid';
import { waitFor } from '../support/wait-for';
import { verifies, WebhookReceiver } from '../support/webhook-receiver';
import { WebhookStack } from '../support/webhook-stack';

/** What the scheduler adds to the housekeeping queue (the worker's gate checks its name and payload). */
const housekeepingJob = { name: HOUSEKEEPING_JOB, data: {} } as Job;

/**
 * The copies of a record the event machinery keeps (the outbox event's payload, one webhook
 * delivery body per subscription, what the receiver answered) are encrypted at rest, bound to
 * their row: a raw read of those tables finds no email or phone, while the receiver gets the
 * plain signed JSON and the delivery log shows the receiver's answer. Old copies are pruned.
 */
describe('copies of records kept by events and webhooks', () => {
  let stack: WebhookStack;
  let receiver: WebhookReceiver;
  let db: DataSource;
  const tag = randomBytes(4).toString('hex');
  /** Typed mixed-case: the api stores it lower-cased; both forms are looked for at rest. */
  const typedEmail = `Ada.Sealed.${tag}@Example.test`;
  const email = typedEmail.toLowerCase();
  const digits = String(parseInt(tag, 16)).padStart(8, '0').slice(-8);
  const phone = `+44 20 ${digits.slice(0, 4)} ${digits.slice(4)}`;
  const newEmail = `ada.moved.${tag}@example.test`;
  const newPhone = `+1 (555) ${digits.slice(4)}-${digits.slice(0, 4)}`;
  const personal = [typedEmail, email, phone, newEmail, newPhone];

  beforeAll(async () => {
    stack = await WebhookStack.start();
    db = stack.api.get(DataSource);
    receiver = await WebhookReceiver.start();
    // A receiver that echoes what it got: its answer holds the personal data too.
    receiver.answerWith((_n, r) => ({ status: 200, body: r.body }));
  });
  afterAll(async () => {
    await receiver?.close();
    await stack?.close();
  });

  const org = () => stack.admin.organizationId;
  const settled = async (subscriptionId: string, n: number): Promise<WebhookDeliveryDto[]> =>
    (await waitFor(`${n} settled deliveries`, async () => {
      const list = await stack.deliveries(subscriptionId);
      return list.length >= n && list.every((d) => d.state !== 'pending') && list;
    })) as WebhookDeliveryDto[];
  /** Every row of the table as text (each column, bytea as hex), of this organization. */
  const rowsAsText = async (table: string): Promise<string[]> =>
    (await db.query(`SELECT t::text AS row FROM ${table} t WHERE organization_id = $1`, [org()])).map((r: { row: string }) => r.row);
  /** The value as it could appear: as typed, lower-cased, and as the hex of its bytes (bytea). */
  const forms = (value: string) => [value, value.toLowerCase(), Buffer.from(value, 'utf8').toString('hex'), Buffer.from(value.toLowerCase(), 'utf8').toString('hex')];
  const leaks = (rows: string[]) => personal.flatMap((value) => forms(value).filter((form) => rows.some((row) => row.toLowerCase().includes(form.toLowerCase()))));

  let subscription: { id: string; secret: string };
  let contactId: string;

  it('stores no email or phone in events, deliveries or attempts, while the receiver gets them signed and the log shows its answer', async () => {
    subscription = await stack.subscribe(receiver.url, ['contact.*']);
    contactId = (await stack.http().post('/api/v1/contacts').set(stack.auth).send({ first_name: 'Ada', last_name: 'Sealed', email: typedEmail, phone }).expect(201)).body.id;
    await stack.http().patch(`/api/v1/contacts/${contactId}`).set(stack.auth).send({ email: newEmail, phone: newPhone }).expect(200);

    const deliveries = await settled(subscription.id, 2);
    expect(deliveries.map((d) => d.state)).toEqual(['succeeded', 'succeeded']);
    // The receiver got the plain JSON, signed.
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received.every((r) => verifies(subscription.secret, r))).toBe(true);
    const bodies = receiver.received.map((r) => JSON.parse(r.body));
    expect(bodies.map((b) => [b.type, b.data.id, b.data.email, b.data.phone]).sort()).toEqual(
      [
        ['contact.created', contactId, email, phone],
        ['contact.updated', contactId, newEmail, newPhone],
      ].sort(),
    );
    // The delivery log shows what the receiver answered (its echo of the body), opened.
    const excerpts = deliveries.flatMap((d) => d.attempt_log.map((a) => a.response_excerpt as string));
    expect(excerpts).toHaveLength(2);
    expect(excerpts.some((x) => x.includes(email) && x.includes(phone))).toBe(true);
    expect(excerpts.some((x) => x.includes(newEmail) && x.includes(newPhone))).toBe(true);

    // At rest: nothing of it in any column of the three tables, as text or as bytes.
    const stored = {
      outbox_events: await rowsAsText('outbox_events'),
      webhook_deliveries: await rowsAsText('webhook_deliveries'),
      webhook_delivery_attempts: await rowsAsText('webhook_delivery_attempts'),
    };
    expect(stored.outbox_events.length).toBeGreaterThanOrEqual(2);
    expect(stored.webhook_deliveries).toHaveLength(2);
    expect(stored.webhook_delivery_attempts).toHaveLength(2);
    expect({ outbox_events: leaks(stored.outbox_events), webhook_deliveries: leaks(stored.webhook_deliveries), webhook_delivery_attempts: leaks(stored.webhook_delivery_attempts) }).toEqual({
      outbox_events: [],
      webhook_deliveries: [],
      webhook_delivery_attempts: [],
    });
    // Every stored copy is a ciphertext; the record keys stay plain (an erasure finds rows by record).
    const [counts] = await db.query(
      `SELECT (SELECT count(*) FILTER (WHERE NOT starts_with(payload, 'enc:v1:'))::int FROM outbox_events WHERE organization_id = $1) AS plain_events,
              (SELECT count(*) FILTER (WHERE NOT starts_with(body, 'enc:v1:'))::int FROM webhook_deliveries WHERE organization_id = $1) AS plain_bodies,
              (SELECT count(*) FILTER (WHERE NOT starts_with(response_excerpt, 'enc:v1:'))::int FROM webhook_delivery_attempts WHERE organization_id = $1) AS plain_answers,
              (SELECT count(*)::int FROM outbox_events WHERE organization_id = $1 AND aggregate_type = 'contact' AND aggregate_id = $2) AS contact_events`,
      [org(), contactId],
    );
    expect(counts).toEqual({ plain_events: 0, plain_bodies: 0, plain_answers: 0, contact_events: 2 });
    // The app's keys open them again.
    const sealed = stack.api.get(SealedColumns);
    const [event] = await db.query(`SELECT id, payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 AND type = 'contact.created'`, [org(), contactId]);
    expect(sealed.openJson(SEALED.eventPayload, { organizationId: org(), id: event.id }, event.payload)).toMatchObject({ id: contactId, email, phone });
  });

  it('refuses a plain payload, body or answer written by any path (CHECK constraints)', async () => {
    const [delivery] = await db.query(`SELECT id FROM webhook_deliveries WHERE organization_id = $1 LIMIT 1`, [org()]);
    await expect(
      db.query(`INSERT INTO outbox_events (organization_id, id, type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, 'contact.updated', 'contact', $3, $4)`, [org(), uuid(), contactId, JSON.stringify({ email })]),
    ).rejects.toThrow(/outbox_events_payload_sealed/);
    await expect(db.query(`UPDATE webhook_deliveries SET body = $3 WHERE organization_id = $1 AND id = $2`, [org(), delivery.id, JSON.stringify({ email })])).rejects.toThrow(/webhook_deliveries_body_sealed/);
    await expect(db.query(`UPDATE webhook_delivery_attempts SET response_excerpt = $2 WHERE organization_id = $1`, [org(), email])).rejects.toThrow(/webhook_delivery_attempts_response_sealed/);
  });

  it('a ciphertext copied to another row does not decrypt: the event fails, the delivery sends nothing, the log answers 500', async () => {
    // An event whose payload is another event's ciphertext.
    const [source] = await db.query(`SELECT payload FROM outbox_events WHERE organization_id = $1 AND aggregate_id = $2 AND type = 'contact.created'`, [org(), contactId]);
    const moved = uuid();
    await stack.stopWorker();
    await db.query(`INSERT INTO outbox_events (organization_id, id, type, aggregate_type, aggregate_id, payload) VALUES ($1, $2, 'contact.updated', 'contact', $3, $4)`, [org(), moved, contactId, source.payload]);
    const worker = await stack.startWorker();
    await expect(worker.get(DomainEventDispatcher).dispatch(org(), moved)).rejects.toThrow('A stored value could not be decrypted');
    const [event] = await db.query(`SELECT processed_at FROM outbox_events WHERE organization_id = $1 AND id = $2`, [org(), moved]);
    expect(event.processed_at).toBeNull();

    // A delivery whose body is the other delivery's ciphertext: redelivered, nothing goes out.
    const [a, b] = await db.query(`SELECT id, body FROM webhook_deliveries WHERE organization_id = $1 AND subscription_id = $2 ORDER BY created_at, id`, [org(), subscription.id]);
    await db.query(`UPDATE webhook_deliveries SET body = $3 WHERE organization_id = $1 AND id = $2`, [org(), b.id, a.body]);
    const received = receiver.received.length;
    await stack.http().post(`/api/v1/webhooks/subscriptions/${subscription.id}/deliveries/${b.id}/redeliver`).set(stack.auth).expect(202);
    const logged = (await waitFor('the failed attempt logged', async () => {
      const d = (await stack.deliveries(subscription.id)).find((x) => x.id === b.id);
      return d && d.attempt_log.length >= 2 && d;
    })) as WebhookDeliveryDto;
    expect(logged.attempt_log[1]).toMatchObject({ status_code: null, succeeded: false, error: 'the stored body could not be decrypted' });
    expect(receiver.received.length).toBe(received);
    await db.query(`UPDATE webhook_deliveries SET body = $3 WHERE organization_id = $1 AND id = $2`, [org(), b.id, b.body]);

    // An attempt whose answer is another attempt's ciphertext: the log fails closed.
    const attempts = await db.query(`SELECT id, response_excerpt FROM webhook_delivery_attempts WHERE organization_id = $1 AND delivery_id = $2 ORDER BY attempt`, [org(), a.id]);
    const [other] = await db.query(`SELECT response_excerpt FROM webhook_delivery_attempts WHERE organization_id = $1 AND delivery_id = $2 ORDER BY attempt LIMIT 1`, [org(), b.id]);
    await db.query(`UPDATE webhook_delivery_attempts SET response_excerpt = $3 WHERE organization_id = $1 AND id = $2`, [org(), attempts[0].id, other.response_excerpt]);
    const res = await stack.http().get(`/api/v1/webhooks/subscriptions/${subscription.id}/deliveries`).set(stack.auth).expect(500);
    expect(res.body).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'A stored value could not be decrypted; the error was logged' });
    expect(JSON.stringify(res.body)).not.toContain(email);
    await db.query(`UPDATE webhook_delivery_attempts SET response_excerpt = $3 WHERE organization_id = $1 AND id = $2`, [org(), attempts[0].id, attempts[0].response_excerpt]);
    await stack.http().get(`/api/v1/webhooks/subscriptions/${subscription.id}/deliveries`).set(stack.auth).expect(200);
  });

  it('housekeeping deletes processed events and finished deliveries (with their attempts) past their retention, in chunks, and keeps the rest', async () => {
    const worker = stack.worker ?? (await stack.startWorker());
    // Another organization's rows, at the same ages.
    const other = uuid();
    await db.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Pruning Org')`, [other]);
    const [{ id: otherSub }] = await db.query(
      `INSERT INTO webhook_subscriptions (organization_id, id, url, events, secret) VALUES ($1, $2, 'https://hooks.example.test/in', '{contact.*}', 'enc:x') RETURNING id`,
      [other, uuid()],
    );
    const sealed = stack.api.get(SealedColumns);
    /** An event (of a type nothing handles or publishes) processed that long ago, or never (null: 40 days old, pending). */
    const event = async (organizationId: string, processedAgo: string | null) => {
      const id = uuid();
      await db.query(
        `INSERT INTO outbox_events (organization_id, id, type, aggregate_type, aggregate_id, payload, processed_at, dispatched_at)
         VALUES ($1, $2, 'pruning.test', 'pruning', NULL, $3, now() - $4::interval, now() - $4::interval)`,
        [organizationId, id, sealed.sealJson(SEALED.eventPayload, { organizationId, id }, {}), processedAgo ?? '0'],
      );
      if (processedAgo === null) await db.query(`UPDATE outbox_events SET processed_at = NULL, dispatched_at = NULL, created_at = now() - interval '40 days' WHERE organization_id = $1 AND id = $2`, [organizationId, id]);
      return id;
    };
    const delivery = async (organizationId: string, subscriptionId: string, state: 'succeeded' | 'failed' | 'pending', completedAgo: string, attempts: number) => {
      const id = uuid();
      await db.query(
        `INSERT INTO webhook_deliveries (organization_id, id, subscription_id, event_id, message_id, event_type, body, state, attempts, next_attempt_at, completed_at, created_at)
         VALUES ($1, $2, $3, $4, $5, 'contact.updated', $6, $7, $8, CASE WHEN $7 = 'pending' THEN now() + interval '1 day' END, CASE WHEN $7 <> 'pending' THEN now() - $9::interval END, now() - $9::interval)`,
        [organizationId, id, subscriptionId, uuid(), `msg_${id}`, sealed.seal(SEALED.deliveryBody, { organizationId, id }, '{}'), state, attempts, completedAgo],
      );
      for (let n = 1; n <= attempts; n++) {
        const attemptId = uuid();
        await db.query(
          `INSERT INTO webhook_delivery_attempts (organization_id, id, delivery_id, attempt, status_code, latency_ms, response_excerpt, succeeded) VALUES ($1, $2, $3, $4, 500, 1, $5, false)`,
          [organizationId, attemptId, id, n, sealed.seal(SEALED.attemptResponse, { organizationId, id: attemptId }, 'no')],
        );
      }
      return id;
    };
    const oldEvents = [await event(org(), '8 days'), await event(org(), '30 days'), await event(other, '7 days 1 hour'), await event(org(), '9 days'), await event(other, '100 days')];
    const keptEvents = [await event(org(), '6 days 23 hours'), await event(other, '1 hour'), await event(org(), null)];
    const oldDeliveries = [await delivery(org(), subscription.id, 'succeeded', '31 days', 1), await delivery(org(), subscription.id, 'failed', '45 days', 3), await delivery(other, otherSub, 'failed', '30 days 1 hour', 2)];
    const keptDeliveries = [await delivery(org(), subscription.id, 'succeeded', '29 days', 1), await delivery(other, otherSub, 'pending', '60 days', 4)];
    const allEvents = [...oldEvents, ...keptEvents];
    const allDeliveries = [...oldDeliveries, ...keptDeliveries];
    const eventsLeft = async () => (await db.query(`SELECT id FROM outbox_events WHERE id = ANY($1::uuid[])`, [allEvents])).map((r: { id: string }) => r.id).sort();
    const deliveriesLeft = async () => (await db.query(`SELECT id FROM webhook_deliveries WHERE id = ANY($1::uuid[])`, [allDeliveries])).map((r: { id: string }) => r.id).sort();
    const attemptsLeft = async () => (await db.query(`SELECT count(*)::int AS n FROM webhook_delivery_attempts WHERE delivery_id = ANY($1::uuid[])`, [allDeliveries]))[0].n;
    const totals = async () => (await db.query(`SELECT (SELECT count(*) FROM outbox_events)::int AS events, (SELECT count(*) FROM webhook_deliveries)::int AS deliveries`))[0];
    expect(await attemptsLeft()).toBe(11);
    const before = await totals();

    // In chunks of 2: 5 old events, 3 old deliveries (with 6 attempts).
    expect(await worker.get(OutboxCleanup).deleteProcessedEvents(7, 2)).toBe(5);
    expect(await worker.get(WebhookDeliveriesCleanup).deleteFinishedDeliveries(30, 2)).toBe(3);
    expect(await eventsLeft()).toEqual([...keptEvents].sort());
    expect(await deliveriesLeft()).toEqual([...keptDeliveries].sort());
    expect(await attemptsLeft()).toBe(5);
    // Nothing else went: the events and deliveries of the first test are recent.
    expect(await totals()).toEqual({ events: before.events - 5, deliveries: before.deliveries - 3 });

    // The scheduled job uses OUTBOX_RETENTION_DAYS (7) and WEBHOOK_DELIVERY_RETENTION_DAYS (30): nothing more is due.
    expect(await worker.get(HousekeepingProcessor).run(housekeepingJob)).toMatchObject({ outbox_events: 0, webhook_deliveries: 0 });
    expect(await eventsLeft()).toEqual([...keptEvents].sort());
  });

  it('the retention periods come from the environment', async () => {
    await stack.stopWorker();
    const worker = await stack.startWorker({ OUTBOX_RETENTION_DAYS: '1', WEBHOOK_DELIVERY_RETENTION_DAYS: '1' });
    const [{ events, deliveries }] = await db.query(
      `SELECT (SELECT count(*) FROM outbox_events WHERE processed_at < now() - interval '1 day')::int AS events,
              (SELECT count(*) FROM webhook_deliveries WHERE state <> 'pending' AND completed_at < now() - interval '1 day')::int AS deliveries`,
    );
    expect(events).toBeGreaterThan(0);
    expect(deliveries).toBeGreaterThan(0);
    expect(await worker.get(HousekeepingProcessor).run(housekeepingJob)).toMatchObject({ outbox_events: events, webhook_deliveries: deliveries });
  });
});
