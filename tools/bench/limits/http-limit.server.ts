// The HTTP limit of the read side: a bare node:http server doing the minimal correct work of
// `GET /api/v1/users/me` and of the list pages, with nothing of the framework around it. It
// verifies the api's own access tokens (HS256, issuer `clockwork`, expiry, typ `access`) with
// the library the api uses (jsonwebtoken), reads with `pg` (named prepared statements unless
// DATABASE_PREPARED_STATEMENTS=false, a pool of DATABASE_POOL_SIZE like the api's), decrypts the encrypted contact columns as the api does, and
// answers the same JSON shape. Started by the bench's lists scenario as a process of its own:
//   PORT=… DATABASE_URL=… JWT_SECRET=… ENCRYPTION_KEYS=… node -r ./tools/register.js tools/bench/limits/http-limit.server.ts
import { createDecipheriv, createSecretKey } from 'node:crypto';
import http from 'node:http';
import jwt from 'jsonwebtoken';
import { Pool, types } from 'pg';
import { LIMIT_LISTS, LimitList, pageOf } from './http-limit.lists';
import { preparedName } from './prepared-name';

// As TypeORM hydrates them: a date column is its 'YYYY-MM-DD' text, not a Date at local midnight.
types.setTypeParser(1082, (v) => v);

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const secret = createSecretKey(Buffer.from(env('JWT_SECRET'), 'utf8'));
const keys = new Map(env('ENCRYPTION_KEYS').split(',').map((entry) => {
  const [kid, b64] = entry.trim().split(':');
  return [kid, Buffer.from(b64, 'base64')] as const;
}));
const pool = new Pool({ connectionString: env('DATABASE_URL'), max: Number(process.env.DATABASE_POOL_SIZE ?? 10), application_name: 'clockwork-http-limit' });

interface Claims {
  sub: string;
  org: string;
  typ: string;
}

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

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function verify(req: http.IncomingMessage): Claims | null {
  const header = req.headers.authorization;
  if (!header?.startsWith('Bearer ')) return null;
  try {
    const claims = jwt.verify(header.slice(7), secret, { algorithms: ['HS256'], issuer: 'clockwork' }) as Claims;
    return claims.typ === 'access' ? claims : null;
  } catch {
    return null;
  }
}

const USER_SQL = `SELECT id, organization_id, name, email, role, linked_employee_id, is_active, last_login_at, created_at, updated_at
                    FROM users WHERE organization_id = $1 AND id = $2 AND is_active`;

async function me(claims: Claims, res: http.ServerResponse): Promise<void> {
  const { rows } = await pool.query({ name: preparedName('me'), text: USER_SQL, values: [claims.org, claims.sub] });
  const u = rows[0];
  if (!u) return send(res, 401, { statusCode: 401, error: 'Unauthorized', message: 'The user of this token is deactivated or gone' });
  send(res, 200, {
    id: u.id, organization_id: u.organization_id, name: u.name, email: u.email, role: u.role, linked_employee_id: u.linked_employee_id,
    is_active: u.is_active, last_login_at: u.last_login_at ? u.last_login_at.toISOString() : null, created_at: u.created_at.toISOString(), updated_at: u.updated_at.toISOString(),
  });
}

async function list(spec: LimitList, claims: Claims, query: URLSearchParams, res: http.ServerResponse): Promise<void> {
  const page = await pageOf(pool, spec, claims.org, query, decrypt);
  if ('error' in page) return send(res, 400, { statusCode: 400, error: 'Bad Request', message: page.error });
  send(res, 200, page);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://limit');
  if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
  const claims = verify(req);
  if (!claims) return send(res, 401, { statusCode: 401, error: 'Unauthorized', message: 'Authentication required' });
  const spec = LIMIT_LISTS[url.pathname];
  const work = url.pathname === '/api/v1/users/me' ? me(claims, res) : spec ? list(spec, claims, url.searchParams, res) : null;
  if (!work) return send(res, 404, { statusCode: 404, error: 'Not Found', message: 'Not found' });
  work.catch((e: Error) => send(res, 500, { statusCode: 500, error: 'Internal Server Error', message: e.message }));
});

server.keepAliveTimeout = 65_000;
server.listen(Number(env('PORT')), '127.0.0.1', () => process.stdout.write(`http limit listening on ${env('PORT')}\n`));
const stop = () => server.close(() => void pool.end().finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
