// A real OpenID Connect provider (oidc-provider) for the SSO tests, run as a child process
// because the package ships ES modules only. Usage:
//   node oidc-provider.mjs '{"redirect_uri": "...", "issuer_path": "", "accounts_file": ""}'
// Prints `listening <issuer>` once it serves. Sign-in is oidc-provider's development
// interaction: the login typed in is the account id (the subject), and the account's email is
// that login, verified, unless `accounts_file` (JSON, re-read at every use) gives the subject
// another `email` and `email_verified` (a test changes a user's email at the provider so).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const options = JSON.parse(process.argv[2] ?? '{}');
const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
// `issuer_path` lets a test announce another issuer than the URL it is reached at.
const issuer = `${origin}${options.issuer_path ?? ''}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'clockwork-test',
      client_secret: 'clockwork-test-secret-0123456789abcdef',
      redirect_uris: [options.redirect_uri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  async findAccount(_ctx, id) {
    const profile = () => {
      if (!options.accounts_file) return {};
      try {
        return JSON.parse(readFileSync(options.accounts_file, 'utf8'))[id] ?? {};
      } catch {
        return {};
      }
    };
    return { accountId: id, claims: () => ({ sub: id, email: id, email_verified: true, name: `SSO ${id.split('@')[0]}`, ...profile() }) };
  },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  cookies: { keys: ['oidc-test-cookie-key'] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
});
// The dev interactions print a warning at start; the test does not need it.
provider.on('server_error', (_ctx, err) => console.error('provider error', err));
server.on('request', provider.callback());
console.log(`listening ${issuer}`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
