import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Download links of report exports: `<expiry epoch seconds>.<HMAC-SHA256>` over the
 * organization, export id and expiry, keyed from JWT_SECRET (a key of its own, derived).
 * Nothing is stored: a link works until it expires, for whoever holds it.
 */
export class ExportLinks {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('clockwork report export links').digest();
  }

  private mac(organizationId: string, exportId: string, expires: number): Buffer {
    return createHmac('sha256', this.key).update(`${organizationId}.${exportId}.${expires}`).digest();
  }

  sign(organizationId: string, exportId: string, expiresAt: Date): string {
    const expires = Math.floor(expiresAt.getTime() / 1000);
    return `${expires}.${this.mac(organizationId, exportId, expires).toString('base64url')}`;
  }

  /** `valid`, `expired` (genuine but too old) or `invalid` (not ours, or for another export). */
  check(organizationId: string, exportId: string, token: string, now = new Date()): 'valid' | 'expired' | 'invalid' {
    const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return 'invalid';
    const given = Buffer.from(m[2], 'base64url');
    const expected = this.mac(organizationId, exportId, Number(m[1]));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(m[1]) * 1000 <= now.getTime() ? 'expired' : 'valid';
  }
}
