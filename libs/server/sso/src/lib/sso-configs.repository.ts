import { Injectable } from '@nestjs/common';
import type { Role } from '@clockwork/shared-dto';
import { EntityManager } from 'typeorm';

/** A row of sso_configs; `client_secret` is the stored ciphertext. */
export interface SsoConfigRow {
  organization_id: string;
  id: string;
  slug: string | null;
  issuer_url: string;
  client_id: string;
  client_secret: string;
  allowed_domains: string[];
  default_role: Role;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export type SsoConfigValues = Pick<SsoConfigRow, 'slug' | 'issuer_url' | 'client_id' | 'client_secret' | 'allowed_domains' | 'default_role' | 'enabled'>;

/** The shape every slug is created with (SsoConfigDto). */
const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Each organization's one SSO configuration. */
@Injectable()
export class SsoConfigsRepository {
  async forOrganization(manager: EntityManager, organizationId: string, lock = false): Promise<SsoConfigRow | null> {
    const rows: SsoConfigRow[] = await manager.query(`SELECT * FROM sso_configs WHERE organization_id = $1${lock ? ' FOR UPDATE' : ''}`, [organizationId]);
    return rows[0] ?? null;
  }

  /** The login page's lookup, before anyone is signed in: by organization id or by slug. */
  async findByOrganizationRef(manager: EntityManager, ref: string): Promise<SsoConfigRow | null> {
    // Neither an id nor a slug (a NUL byte, say, which PostgreSQL text cannot hold): no such login.
    if (!UUID.test(ref) && !SLUG.test(ref.toLowerCase())) return null;
    const rows: SsoConfigRow[] = UUID.test(ref)
      ? await manager.query(`SELECT * FROM sso_configs WHERE organization_id = $1`, [ref])
      : await manager.query(`SELECT * FROM sso_configs WHERE slug = $1`, [ref.toLowerCase()]);
    return rows[0] ?? null;
  }

  async insert(manager: EntityManager, organizationId: string, id: string, v: SsoConfigValues): Promise<SsoConfigRow> {
    const rows: SsoConfigRow[] = await manager.query(
      `INSERT INTO sso_configs (organization_id, id, slug, issuer_url, client_id, client_secret, allowed_domains, default_role, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [organizationId, id, v.slug, v.issuer_url, v.client_id, v.client_secret, v.allowed_domains, v.default_role, v.enabled],
    );
    return rows[0];
  }

  async update(manager: EntityManager, organizationId: string, id: string, v: SsoConfigValues): Promise<SsoConfigRow> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected].
    const [rows]: [SsoConfigRow[], number] = await manager.query(
      `UPDATE sso_configs SET slug = $3, issuer_url = $4, client_id = $5, client_secret = $6, allowed_domains = $7, default_role = $8, enabled = $9, updated_at = now()
       WHERE organization_id = $1 AND id = $2 RETURNING *`,
      [organizationId, id, v.slug, v.issuer_url, v.client_id, v.client_secret, v.allowed_domains, v.default_role, v.enabled],
    );
    return rows[0];
  }
}
