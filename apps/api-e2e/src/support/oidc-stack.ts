import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/**
 * Starts support/oidc-provider.mjs (a real oidc-provider) on a free port of 127.0.0.1. With
 * `accountsFile`, a JSON `{ [subject]: { email, email_verified } }` the provider re-reads at
 * every sign-in overrides an account's claims (by default the subject is the email, verified).
 */
export async function startOidcProvider(redirectUri: string, options: { issuerPath?: string; accountsFile?: string } = {}): Promise<TestProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider.mjs'), JSON.stringify({ redirect_uri: redirectUri, issuer_path: options.issuerPath, accounts_file: options.accountsFile })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the OIDC provider did not start within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`the OIDC provider exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const m = /^listening (\S+)$/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  child.stderr?.resume();
  return {
    issuer,
    clientId: 'clockwork-test',
    clientSecret: 'clockwork-test-secret-0123456789abcdef',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A browser at the provider: follows its redirects by hand, carrying its cookies, and answers
 * its development login (the login typed is the account's email) and consent pages. Returns
 * the URL the provider finally sends the browser to (the product's callback).
 */
export async function signInAtProvider(authorizationUrl: string, email: string): Promise<URL> {
  const cookies = new Map<string, string>();
  const send = async (url: URL, init: RequestInit = {}) => {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  for (let hop = 0; hop < 12; hop++) {
    if (url.origin !== origin) return url;
    const res = await send(url);
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location') as string, url);
      continue;
    }
    const page = await res.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
    if (res.status !== 200 || !prompt) throw new Error(`unexpected provider page ${res.status} at ${url}: ${page.slice(0, 300)}`);
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login: email, password: 'any' } : { prompt });
    const posted = await send(url, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    if (posted.status < 300 || posted.status >= 400) throw new Error(`the provider answered ${posted.status} to the ${prompt} form`);
    url = new URL(posted.headers.get('location') as string, url);
  }
  throw new Error('too many redirects at the provider');
}
