import { BadRequestException, ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** How long a key is remembered (the IETF draft suggests at least 24 hours). */
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface StoredKey {
  id: string;
  request_hash: string;
  status: 'in_flight' | 'completed';
  response_status: number | null;
  response_body: unknown;
  expired: boolean;
}

export type IdempotencyDecision =
  | { kind: 'replay'; status: number; body: unknown }
  | { kind: 'in_flight' }
  | { kind: 'mismatch' }
  | { kind: 'expired' };

/**
 * draft-ietf-httpapi-idempotency-key-header: the same key with a different body is a misuse
 * (422); the same key while the first request runs is a conflict (409); a completed key replays
 * the stored response; an expired key is forgotten and the request runs anew.
 */
export function decideIdempotency(stored: StoredKey, requestHash: string): IdempotencyDecision {
  if (stored.expired) return { kind: 'expired' };
  if (stored.request_hash !== requestHash) return { kind: 'mismatch' };
  if (stored.status === 'in_flight') return { kind: 'in_flight' };
  return { kind: 'replay', status: stored.response_status as number, body: stored.response_body };
}

/** A stable fingerprint of a request: the route and the body with object keys sorted. */
export function requestFingerprint(route: string, body: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v;
  return createHash('sha256').update(route).update('\n').update(JSON.stringify(canonical(body) ?? null)).digest('hex');
}

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  // The draft sends the key as a structured-field string: "abc"; bare tokens are accepted too.
  const key = header.trim().replace(/^"(.*)"$/, '$1');
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new BadRequestException({ message: 'Idempotency-Key must be 1 to 255 visible ASCII characters', details: [{ field: 'Idempotency-Key', errors: ['Idempotency-Key must be 1 to 255 visible ASCII characters'] }] });
  }
  return key;
}

/**
 * The Idempotency-Key store. Claims are written outside the request's transaction (so a
 * concurrent retry sees the key in flight); a request that fails releases its claim so the
 * client may retry.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` once per (organization, key): replays a completed response, refuses a
   * different body (422) or a request still in flight (409). `fingerprint` is computed only
   * when a key is given (hashing a 5,000-entry batch is not free).
   */
  async run(organizationId: string, key: string | undefined, fingerprint: () => string, work: () => Promise<{ status: number; body: unknown }>): Promise<{ status: number; body: unknown }> {
    if (key === undefined) return work();
    const claim = await this.claim(organizationId, key, fingerprint());
    if (claim.kind === 'replay') return { status: claim.status, body: claim.body };
    let result: { status: number; body: unknown };
    try {
      result = await work();
    } catch (e) {
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE organization_id = $1 AND id = $2`, [organizationId, claim.id]);
      throw e;
    }
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = 'completed', response_status = $3, response_body = $4::jsonb WHERE organization_id = $1 AND id = $2`,
      [organizationId, claim.id, result.status, JSON.stringify(result.body ?? null)],
    );
    return result;
  }

  private async claim(organizationId: string, key: string, fingerprint: string): Promise<{ kind: 'claimed'; id: string } | { kind: 'replay'; status: number; body: unknown }> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = uuidv7();
      const inserted: { id: string }[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys (organization_id, id, key, request_hash, status, expires_at)
         VALUES ($1, $2, $3, $4, 'in_flight', now() + make_interval(hours => $5))
         ON CONFLICT (organization_id, key) DO NOTHING RETURNING id`,
        [organizationId, id, key, fingerprint, IDEMPOTENCY_TTL_HOURS],
      );
      if (inserted.length) return { kind: 'claimed', id };
      const [stored]: StoredKey[] = await this.dataSource.query(
        `SELECT id, request_hash, status, response_status, response_body, expires_at <= now() AS expired
           FROM idempotency_keys WHERE organization_id = $1 AND key = $2`,
        [organizationId, key],
      );
      if (!stored) continue;
      const decision = decideIdempotency(stored, fingerprint);
      if (decision.kind === 'replay') return decision;
      if (decision.kind === 'mismatch') throw new UnprocessableEntityException('This Idempotency-Key was used with a different request body');
      if (decision.kind === 'in_flight') throw new ConflictException('A request with this Idempotency-Key is still being processed; retry later');
      await this.dataSource.query(`DELETE FROM idempotency_keys WHERE organization_id = $1 AND id = $2 AND expires_at <= now()`, [organizationId, stored.id]);
    }
    throw new ConflictException('A request with this Idempotency-Key is still being processed; retry later');
  }
}
