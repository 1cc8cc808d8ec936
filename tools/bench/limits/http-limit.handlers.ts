// The work of the HTTP limit, whatever serves it: the minimal correct answer of
// `GET /api/v1/users/me` and of the list pages. It verifies the api's own access tokens (HS256,
// issuer `clockwork`, expiry, typ `access`) with the library the api uses (jsonwebtoken), reads
// with `pg` (named prepared statements unless DATABASE_PREPARED_STATEMENTS=false, a pool of
// DATABASE_POOL_SIZE like the api's), decrypts the encrypted contact columns as the api does, and
// answers the same JSON shape. http-limit.server.ts serves it bare (node:http) or inside NestJS.
import { createDecipheriv, createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Pool, types } from 'pg';
import { LIMIT_LISTS, pageOf } from './http-limit.lists';
import { preparedName } from './prepared-name';

// As TypeORM hydrates them: a date column is its 'YYYY-MM-DD' text, not a Date at local midnight.
types.setTypeParser(1082, (v) => v);

export const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const secret = createSecretKey(Buffer.from(env('JWT_SECRET'), 'utf8'));
const keys = new Map(env('ENCRYPTION_KEYS').split(',').map((entry) => {
  const [kid, b64] = entry.trim().split(':');
  return [kid, Buffer.from(b64, 'base64')] as const;
}));
export const pool = new Pool({ connectionString: env('DATABASE_URL'), max: Number(process.env.DATABASE_POOL_SIZE ?? 10), application_name: process.env.LIMIT_APPLICATION_NAME ?? 'clockwork-http-limit' });

interface Claims {
  sub: string;
  org: string;
  typ: string;
}

/** An answer: its status and JSON body. */
export interface Answer {
  status: number;
  body: unknown;
}

const error = (status: number, name: string, message: string): Answer => ({ status, body: { statusCode: status, error: name, message } });

/** FieldCipher.decrypt (AES-256-GCM, `enc:v1:<kid>:<base64(iv|tag|data)>`, AAD bound to the row); plaintext passes through. */
export function decrypt(value: string | null, aad: string): string | null {
  if (value === null || !value.startsWith('enc:v1:')) return value;
  const [, , kid, b64] = value.split(':');
  const raw = Buffer.from(b64, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keys.get(kid) as Buffer, raw.subarray(0, 12), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

function verify(authorization: string | undefined): Claims | null {
  if (!authorization?.startsWith('Bearer ')) return null;
  try {
    const claims = jwt.verify(authorization.slice(7), secret, { algorithms: ['HS256'], issuer: 'clockwork' }) as Claims;
    return claims.typ === 'access' ? claims : null;
  } catch {
    return null;
  }
}

const USER_SQL = `SELECT id, organization_id, name, email, role, linked_employee_id, is_active, last_login_at, created_at, updated_at
                    FROM users WHERE organization_id = $1 AND id = $2 AND is_active`;

async function me(claims: Claims): Promise<Answer> {
  const { rows } = await pool.query({ name: preparedName('me'), text: USER_SQL, values: [claims.org, claims.sub] });
  const u = rows[0];
  if (!u) return error(401, 'Unauthorized', 'The user of this token is deactivated or gone');
  return {
    status: 200,
    body: {
      id: u.id, organization_id: u.organization_id, name: u.name, email: u.email, role: u.role, linked_employee_id: u.linked_employee_id,
      is_active: u.is_active, last_login_at: u.last_login_at ? u.last_login_at.toISOString() : null, created_at: u.created_at.toISOString(), updated_at: u.updated_at.toISOString(),
    },
  };
}

/** The answer to a GET of `pathname` (`/api/v1/...`) with `query`, from the caller's `Authorization` header. */
export async function answer(pathname: string, query: URLSearchParams, authorization: string | undefined): Promise<Answer> {
  const claims = verify(authorization);
  if (!claims) return error(401, 'Unauthorized', 'Authentication required');
  if (pathname === '/api/v1/users/me') return me(claims);
  const spec = LIMIT_LISTS[pathname];
  if (!spec) return error(404, 'Not Found', 'Not found');
  const page = await pageOf(pool, spec, claims.org, query, decrypt);
  return 'error' in page ? error(400, 'Bad Request', page.error) : { status: 200, body: page };
}

/** `answer`, with a thrown error as a 500. */
export const answerSafely = (pathname: string, query: URLSearchParams, authorization: string | undefined): Promise<Answer> =>
  answer(pathname, query, authorization).catch((e: Error) => error(500, 'Internal Server Error', e.message));
