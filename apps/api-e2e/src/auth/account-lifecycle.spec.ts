import { INestApplication } from '@nestjs/common';
import { AccountCleanup } from '@clockwork/server-auth';
import { HousekeepingRegistry } from '@clockwork/server-core';
import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { mailedToken } from '../support/account-links';
import { createApiApp } from '../support/api-app';
import { apiKeyWithRole, PASSWORD, signup, SignedUp, uniqueEmail, userWithRole } from '../support/org-fixture';
import { SmtpSink } from '@clockwork/testing-support';

const WEB = 'http://app.clockwork.test';
const NEW_PASSWORD = 'plum orbit lantern gravel 93';
const OTHER_PASSWORD = 'quartz meadow violin harbor 17';
const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Password change, password reset, invitations and signup verification, through the real api
 * with a real SMTP server (the links are read from the mail, as a person would follow them).
 */
describe('account lifecycle', () => {
  let smtp: SmtpSink;
  let app: INestApplication;
  let db: DataSource;
  const isolated: INestApplication[] = [];
  const mailEnv = () => ({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false', WEB_APP_URL: WEB });
  const http = () => request(app.getHttpServer());
  const login = (email: string, password: string) => http().post('/api/v1/auth/login').send({ email, password });
  const fieldOf = (body: { details?: { field: string; errors: string[] }[] }) => body.details?.map((d) => d.field);

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    app = await createApiApp({ ...mailEnv(), SIGNUP_VERIFY_EMAIL: 'false' });
    db = app.get(DataSource);
  });
  afterAll(async () => {
    await app.close();
    for (const other of isolated) await other.close();
    await smtp.stop();
  });

  describe('password change', () => {
    let admin: SignedUp;
    beforeEach(async () => {
      admin = await signup(app, 'Change Org');
    });
    const change = (token: string, body: object) => http().post('/api/v1/auth/password').set('Authorization', `Bearer ${token}`).send(body);

    it('refuses a wrong current password, naming current_password, and changes nothing', async () => {
      const res = await change(admin.accessToken, { current_password: 'not my password at all', new_password: NEW_PASSWORD }).expect(400);
      expect(fieldOf(res.body)).toEqual(['current_password']);
      await login(admin.email, PASSWORD).expect(200);
      await login(admin.email, NEW_PASSWORD).expect(401);
    });

    it('refuses a weak new password with the strength feedback, naming new_password', async () => {
      const res = await change(admin.accessToken, { current_password: PASSWORD, new_password: 'password1234' }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(fieldOf(res.body)).toEqual(['new_password']);
      expect(res.body.details[0].errors[0]).toMatch(/too easy to guess/);
      expect(res.body.details[0].errors.length).toBeGreaterThan(1);
      // The person's own address counts against it.
      const own = await change(admin.accessToken, { current_password: PASSWORD, new_password: `${admin.email.split('@')[0]}` }).expect(400);
      expect(fieldOf(own.body)).toEqual(['new_password']);
    });

    it('is for people: an API key is refused', async () => {
      const key = await apiKeyWithRole(app, admin.accessToken, 'admin');
      await change(key.key, { current_password: PASSWORD, new_password: NEW_PASSWORD }).expect(403);
    });

    it('sets the password and revokes every other session, keeping the caller signed in', async () => {
      const other = (await login(admin.email, PASSWORD).expect(200)).body;
      const third = (await login(admin.email, PASSWORD).expect(200)).body;
      await sleep(1100); // access tokens carry whole seconds: these predate the change's second
      await change(admin.accessToken, { current_password: PASSWORD, new_password: NEW_PASSWORD }).expect(204);
      // The other sessions' access tokens are refused at once (not when they expire); the caller's works.
      const me = (token: string) => http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`);
      expect((await me(other.access_token).expect(401)).body.message).toMatch(/password change/);
      await me(third.access_token).expect(401);
      await me(admin.accessToken).expect(200);
      // The other sessions' refresh tokens are dead; the caller's (the signup's) still works.
      await http().post('/api/v1/auth/refresh').send({ refresh_token: other.refresh_token }).expect(401);
      await http().post('/api/v1/auth/refresh').send({ refresh_token: third.refresh_token }).expect(401);
      const mine = await http().post('/api/v1/auth/refresh').send({ refresh_token: admin.refreshToken }).expect(200);
      await http().get('/api/v1/users/me').set('Authorization', `Bearer ${mine.body.access_token}`).expect(200);
      await login(admin.email, PASSWORD).expect(401);
      await login(admin.email, NEW_PASSWORD).expect(200);
      const [row] = await db.query(`SELECT changes FROM audit_logs WHERE organization_id = $1 AND action = 'password_change'`, [admin.organizationId]);
      expect(row.changes).toEqual({ revoked_tokens: 2 });
    });
  });

  describe('password reset', () => {
    const requestReset = (email: string) => http().post('/api/v1/auth/password-reset').send({ email });
    const confirm = (token: string, new_password: string) => http().post('/api/v1/auth/password-reset/confirm').send({ token, new_password });

    it('answers an unknown address exactly like a known one, and mails only the known one', async () => {
      const admin = await signup(app, 'Reset Org');
      const unknown = uniqueEmail('nobody');
      const before = smtp.messages.length;
      const a = await requestReset(admin.email).expect(202);
      const b = await requestReset(unknown).expect(202);
      expect(b.body).toEqual(a.body);
      expect(Object.keys(b.headers).sort()).toEqual(Object.keys(a.headers).sort());
      await mailedToken(smtp, admin.email, 'reset-password', before);
      await sleep(300);
      expect(smtp.messages.slice(before).some((m) => SmtpSink.recipients(m).includes(unknown))).toBe(false);
    });

    it('mails a single-use link under WEB_APP_URL, stored only as its SHA-256, that sets the password and revokes every session', async () => {
      const admin = await signup(app, 'Reset Org');
      await sleep(1100); // access tokens carry whole seconds: the signup's predates the reset's second
      const before = smtp.messages.length;
      await requestReset(admin.email.toUpperCase()).expect(202);
      const { token, link, mail } = await mailedToken(smtp, admin.email, 'reset-password', before);
      expect(link.startsWith(`${WEB}/reset-password#token=`)).toBe(true);
      expect(mail.subject).toMatch(/reset/i);
      const rows = await db.query(`SELECT token_hash, extract(epoch FROM expires_at - created_at)::float AS ttl FROM password_reset_tokens WHERE organization_id = $1`, [admin.organizationId]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toBe(sha256(token));
      expect(Math.abs(rows[0].ttl - 3600)).toBeLessThan(10);
      expect(JSON.stringify(await db.query(`SELECT * FROM password_reset_tokens`))).not.toContain(token);

      // A weak password is refused and leaves the link usable.
      const weak = await confirm(token, 'qwerty123456').expect(400);
      expect(fieldOf(weak.body)).toEqual(['new_password']);
      await confirm(token, NEW_PASSWORD).expect(204);
      // Every session ends: refresh tokens revoked, access tokens refused.
      await http().post('/api/v1/auth/refresh').send({ refresh_token: admin.refreshToken }).expect(401);
      await http().get('/api/v1/users/me').set('Authorization', `Bearer ${admin.accessToken}`).expect(401);
      await login(admin.email, PASSWORD).expect(401);
      await login(admin.email, NEW_PASSWORD).expect(200);

      const reused = await confirm(token, OTHER_PASSWORD).expect(400);
      expect(fieldOf(reused.body)).toEqual(['token']);
      await login(admin.email, OTHER_PASSWORD).expect(401);
      const audit = await db.query(`SELECT action FROM audit_logs WHERE organization_id = $1 AND action LIKE 'password_reset%' ORDER BY created_at`, [admin.organizationId]);
      expect(audit.map((r: { action: string }) => r.action)).toEqual(['password_reset_request', 'password_reset']);
    });

    it('refuses an expired link and a superseded one, and an unknown token, each naming token', async () => {
      const admin = await signup(app, 'Reset Org');
      let before = smtp.messages.length;
      await requestReset(admin.email).expect(202);
      const first = (await mailedToken(smtp, admin.email, 'reset-password', before)).token;
      before = smtp.messages.length;
      await requestReset(admin.email).expect(202);
      const second = (await mailedToken(smtp, admin.email, 'reset-password', before)).token;
      expect(fieldOf((await confirm(first, NEW_PASSWORD).expect(400)).body)).toEqual(['token']);

      await db.query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(second)]);
      const expired = await confirm(second, NEW_PASSWORD).expect(400);
      expect(fieldOf(expired.body)).toEqual(['token']);
      expect(expired.body.message).toMatch(/expired/);
      expect(fieldOf((await confirm(`pr_${randomBytes(32).toString('base64url')}`, NEW_PASSWORD).expect(400)).body)).toEqual(['token']);
      await login(admin.email, PASSWORD).expect(200);
    });

    it('is rate limited per address and per client IP (429 with Retry-After)', async () => {
      const limited = await createApiApp({ ...mailEnv(), QUEUE_PREFIX: `ck-rl-${randomBytes(4).toString('hex')}`, PASSWORD_RESET_RATE_LIMIT_PER_EMAIL: '2', PASSWORD_RESET_RATE_LIMIT_PER_IP: '4' });
      isolated.push(limited);
      const post = (email: string) => request(limited.getHttpServer()).post('/api/v1/auth/password-reset').send({ email });
      const email = uniqueEmail('victim');
      await post(email).expect(202);
      await post(email).expect(202);
      const blocked = await post(email).expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // The IP has made 3 requests (the refused one counts): one more, then the per-IP limit.
      await post(uniqueEmail()).expect(202);
      await post(uniqueEmail()).expect(429);
    });
  });

  describe('invitations', () => {
    let admin: SignedUp;
    beforeAll(async () => {
      admin = await signup(app, 'Invite Org');
    });
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });
    const invite = (email: string, role = 'sales') => http().post('/api/v1/users/invitations').set(as(admin.accessToken)).send({ name: 'Grace Hopper', email, role });
    const accept = (token: string, password: string) => http().post('/api/v1/auth/invitations/accept').send({ token, password });
    const pending = async (token = admin.accessToken) => (await http().get('/api/v1/users/invitations').set(as(token)).expect(200)).body.data as { id: string; email: string; status: string }[];

    it('mails a link, lists the invitation as pending, and lets the person set a password once', async () => {
      const email = uniqueEmail('grace');
      const before = smtp.messages.length;
      const created = (await invite(email, 'manager').expect(201)).body;
      expect(created).toMatchObject({ email, name: 'Grace Hopper', role: 'manager', status: 'pending', invited_by: admin.userId });
      expect(new Date(created.expires_at).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
      const { token, link } = await mailedToken(smtp, email, 'accept-invitation', before);
      expect(link.startsWith(`${WEB}/accept-invitation#token=`)).toBe(true);
      expect((await pending()).map((i) => i.id)).toContain(created.id);
      // Managers see pending invitations too (as they see users).
      const manager = await userWithRole(app, admin.accessToken, 'manager');
      expect((await pending(manager.token)).map((i) => i.id)).toContain(created.id);

      const weak = await accept(token, 'grace12345678').expect(400);
      expect(fieldOf(weak.body)).toEqual(['password']);
      const accepted = await accept(token, NEW_PASSWORD).expect(200);
      expect(accepted.body).toMatchObject({ token_type: 'Bearer', user: { email, role: 'manager', organization_id: admin.organizationId }, organization: { id: admin.organizationId } });
      await http().get('/api/v1/users/me').set(as(accepted.body.access_token)).expect(200);
      await login(email, NEW_PASSWORD).expect(200);
      expect((await pending()).map((i) => i.id)).not.toContain(created.id);

      const reused = await accept(token, OTHER_PASSWORD).expect(400);
      expect(fieldOf(reused.body)).toEqual(['token']);
      expect(reused.body.message).toMatch(/already used/);
    });

    it('refuses a revoked invitation and an expired one, naming token; neither is pending', async () => {
      const revokedEmail = uniqueEmail('revoked');
      let before = smtp.messages.length;
      const revoked = (await invite(revokedEmail).expect(201)).body;
      const revokedToken = (await mailedToken(smtp, revokedEmail, 'accept-invitation', before)).token;
      await http().delete(`/api/v1/users/invitations/${revoked.id}`).set(as(admin.accessToken)).expect(204);
      await http().delete(`/api/v1/users/invitations/${revoked.id}`).set(as(admin.accessToken)).expect(404);
      const r = await accept(revokedToken, NEW_PASSWORD).expect(400);
      expect(fieldOf(r.body)).toEqual(['token']);
      expect(r.body.message).toMatch(/withdrawn/);

      const expiredEmail = uniqueEmail('expired');
      before = smtp.messages.length;
      const expired = (await invite(expiredEmail).expect(201)).body;
      const expiredToken = (await mailedToken(smtp, expiredEmail, 'accept-invitation', before)).token;
      await db.query(`UPDATE user_invitations SET expires_at = now() - interval '1 second' WHERE organization_id = $1 AND id = $2`, [admin.organizationId, expired.id]);
      const e = await accept(expiredToken, NEW_PASSWORD).expect(400);
      expect(fieldOf(e.body)).toEqual(['token']);
      expect(e.body.message).toMatch(/expired/);

      const ids = (await pending()).map((i) => i.id);
      expect(ids).not.toContain(revoked.id);
      expect(ids).not.toContain(expired.id);
      await login(revokedEmail, NEW_PASSWORD).expect(401);
      await login(expiredEmail, NEW_PASSWORD).expect(401);
    });

    it('answers the same for an address that has an account in another organization (which gets a notice, not a link)', async () => {
      const elsewhere = await signup(app, 'Elsewhere Org');
      const fresh = uniqueEmail('fresh');
      const before = smtp.messages.length;
      const a = await invite(fresh).expect(201);
      const b = await invite(elsewhere.email).expect(201);
      expect(Object.keys(b.body).sort()).toEqual(Object.keys(a.body).sort());
      expect({ ...b.body, id: 'x', email: 'x', created_at: 'x', expires_at: 'x' }).toEqual({ ...a.body, id: 'x', email: 'x', created_at: 'x', expires_at: 'x' });
      await mailedToken(smtp, fresh, 'accept-invitation', before);
      const notice = await (async () => {
        for (let i = 0; i < 100; i++) {
          const m = smtp.messages.slice(before).find((x) => SmtpSink.recipients(x).includes(elsewhere.email));
          if (m) return m;
          await sleep(100);
        }
        throw new Error('no notice mailed');
      })();
      expect(notice.text).toMatch(/already has an account/);
      expect(notice.text).not.toMatch(/token=/);
      // A user of this very organization is named: the admin sees its users anyway.
      const same = await invite(admin.email).expect(409);
      expect(fieldOf(same.body)).toEqual(['email']);
    });
  });

  it('housekeeping deletes reset links and invitations a day after they stopped working, and keeps live ones', async () => {
    const admin = await signup(app, 'Housekeeping Org');
    const as = { Authorization: `Bearer ${admin.accessToken}` };
    const live = (await http().post('/api/v1/users/invitations').set(as).send({ name: 'Live', email: uniqueEmail('live'), role: 'sales' }).expect(201)).body;
    const old = (await http().post('/api/v1/users/invitations').set(as).send({ name: 'Old', email: uniqueEmail('old'), role: 'sales' }).expect(201)).body;
    const before = smtp.messages.length;
    await http().post('/api/v1/auth/password-reset').send({ email: admin.email }).expect(202);
    await mailedToken(smtp, admin.email, 'reset-password', before);
    await db.query(`UPDATE user_invitations SET expires_at = now() - interval '2 days' WHERE organization_id = $1 AND id = $2`, [admin.organizationId, old.id]);
    await db.query(`UPDATE password_reset_tokens SET used_at = now() - interval '2 days' WHERE organization_id = $1`, [admin.organizationId]);

    expect(await new AccountCleanup(db, new HousekeepingRegistry()).deleteOldAccountTokens()).toBeGreaterThanOrEqual(2);
    const invitations = await db.query(`SELECT id FROM user_invitations WHERE organization_id = $1`, [admin.organizationId]);
    expect(invitations.map((r: { id: string }) => r.id)).toEqual([live.id]);
    expect(await db.query(`SELECT id FROM password_reset_tokens WHERE organization_id = $1`, [admin.organizationId])).toEqual([]);
  });

  describe('signup with email verification', () => {
    let verifying: INestApplication;
    const vhttp = () => request(verifying.getHttpServer());
    const signupBody = (email: string) => ({ organization_name: 'Verified Org', name: 'Ada Lovelace', email, password: PASSWORD });
    const verify = (token: string) => vhttp().post('/api/v1/auth/verify-email').send({ token });

    beforeAll(async () => {
      verifying = await createApiApp({ ...mailEnv(), SIGNUP_VERIFY_EMAIL: 'true' });
      isolated.push(verifying);
    });

    it('answers 202, mails a link; the address cannot sign in until verified; the link works once', async () => {
      const email = uniqueEmail('ada');
      const before = smtp.messages.length;
      const res = await vhttp().post('/api/v1/auth/signup').send(signupBody(email)).expect(202);
      expect(res.body).toEqual({ status: 'verification_sent', message: expect.stringMatching(/Check your email/) });
      expect(res.body.access_token).toBeUndefined();
      const { token, link } = await mailedToken(smtp, email, 'verify-email', before);
      expect(link.startsWith(`${WEB}/verify-email#token=`)).toBe(true);

      const refused = await vhttp().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(403);
      expect(refused.body.message).toMatch(/not verified/);
      // A wrong password is the usual 401, not a hint that a signup is pending.
      await vhttp().post('/api/v1/auth/login').send({ email, password: OTHER_PASSWORD }).expect(401);

      const verified = await verify(token).expect(200);
      expect(verified.body).toMatchObject({ user: { email, role: 'admin' }, organization: { name: 'Verified Org' } });
      await vhttp().get('/api/v1/users/me').set('Authorization', `Bearer ${verified.body.access_token}`).expect(200);
      await vhttp().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200);
      expect(fieldOf((await verify(token).expect(400)).body)).toEqual(['token']);
    });

    it('answers the same for an address that already has an account, mailing its owner a notice and creating nothing', async () => {
      const existing = await signup(app, 'Existing Org');
      const fresh = uniqueEmail('fresh');
      const orgsBefore = (await db.query(`SELECT count(*)::int AS n FROM organizations WHERE name = 'Verified Org'`))[0].n;
      const before = smtp.messages.length;
      const a = await vhttp().post('/api/v1/auth/signup').send(signupBody(fresh)).expect(202);
      const b = await vhttp().post('/api/v1/auth/signup').send(signupBody(existing.email)).expect(202);
      expect(b.body).toEqual(a.body);
      await mailedToken(smtp, fresh, 'verify-email', before);
      let notice;
      for (let i = 0; i < 100 && !notice; i++) {
        notice = smtp.messages.slice(before).find((m) => SmtpSink.recipients(m).includes(existing.email));
        if (!notice) await sleep(100);
      }
      expect(notice?.text).toMatch(/already has an account/);
      expect(notice?.text).not.toMatch(/token=/);
      const orgsAfter = (await db.query(`SELECT count(*)::int AS n FROM organizations WHERE name = 'Verified Org'`))[0].n;
      expect(orgsAfter).toBe(orgsBefore + 1);
      await login(existing.email, PASSWORD).expect(200);
    });

    it('expires after 24 h: the link is refused, housekeeping deletes the organization, and the address is free', async () => {
      const email = uniqueEmail('late');
      const before = smtp.messages.length;
      await vhttp().post('/api/v1/auth/signup').send(signupBody(email)).expect(202);
      const { token } = await mailedToken(smtp, email, 'verify-email', before);
      const [{ organization_id: org }] = await db.query(`SELECT organization_id FROM signup_verifications WHERE token_hash = $1`, [sha256(token)]);
      await db.query(`UPDATE signup_verifications SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(token)]);
      const refused = await verify(token).expect(400);
      expect(fieldOf(refused.body)).toEqual(['token']);
      await vhttp().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(401);

      expect(await new AccountCleanup(db, new HousekeepingRegistry()).deleteExpiredSignups()).toBeGreaterThanOrEqual(1);
      expect(await db.query(`SELECT id FROM organizations WHERE id = $1`, [org])).toEqual([]);
      expect(await db.query(`SELECT id FROM signup_verifications WHERE organization_id = $1`, [org])).toEqual([]);

      // A new signup of the address works.
      const again = smtp.messages.length;
      await vhttp().post('/api/v1/auth/signup').send(signupBody(email)).expect(202);
      await verify((await mailedToken(smtp, email, 'verify-email', again)).token).expect(200);
    });

    it('an unverified signup never blocks an invitation of the address (nor a second signup of it)', async () => {
      const email = uniqueEmail('both');
      let before = smtp.messages.length;
      await vhttp().post('/api/v1/auth/signup').send(signupBody(email)).expect(202);
      const pendingToken = (await mailedToken(smtp, email, 'verify-email', before)).token;
      before = smtp.messages.length;
      await vhttp().post('/api/v1/auth/signup').send(signupBody(email)).expect(202);
      await mailedToken(smtp, email, 'verify-email', before);

      const admin = await signup(app, 'Inviting Org');
      before = smtp.messages.length;
      await http().post('/api/v1/users/invitations').set('Authorization', `Bearer ${admin.accessToken}`).send({ name: 'Both', email, role: 'support' }).expect(201);
      const inv = await mailedToken(smtp, email, 'accept-invitation', before);
      const accepted = await http().post('/api/v1/auth/invitations/accept').send({ token: inv.token, password: NEW_PASSWORD }).expect(200);
      expect(accepted.body.user).toMatchObject({ email, organization_id: admin.organizationId, role: 'support' });
      // The pending signups (and their empty organizations) are gone; their link is refused.
      expect(await db.query(`SELECT id FROM signup_verifications WHERE lower(email) = lower($1)`, [email])).toEqual([]);
      expect(fieldOf((await verify(pendingToken).expect(400)).body)).toEqual(['token']);
    });

    it('is rate limited per client IP (429 with Retry-After)', async () => {
      const limited = await createApiApp({ ...mailEnv(), QUEUE_PREFIX: `ck-rl-${randomBytes(4).toString('hex')}`, SIGNUP_VERIFY_EMAIL: 'true', SIGNUP_RATE_LIMIT_PER_HOUR: '2' });
      isolated.push(limited);
      const post = () => request(limited.getHttpServer()).post('/api/v1/auth/signup').send(signupBody(uniqueEmail('burst')));
      await post().expect(202);
      await post().expect(202);
      const blocked = await post().expect(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    });
  });
});
