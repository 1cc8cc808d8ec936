import { isAllowedAddress, publicOnlyLookup } from '@clockwork/server-core';
import { isIP } from 'node:net';
import { Agent as HttpAgent, type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

const EXCERPT_BYTES = 1024;
/** An answer longer than this is not read to its end: the connection is closed instead of kept. */
const DRAIN_BYTES = 64 * 1024;
/**
 * An idle kept-alive connection is closed after this long: below the 5 s that Node servers
 * (and many others) keep an idle connection open, so a request rarely meets one they closed.
 */
const IDLE_SOCKET_MS = 4000;
/** Requests sent again on a new connection when a kept-alive one turns out closed before any answer. */
const STALE_SOCKET_RETRIES = 2;

/**
 * Connections to receivers are kept alive and reused (a TCP and TLS handshake per delivery
 * costs more than the delivery). The address check still happens at connection time: every
 * new connection goes through publicOnlyLookup, and a kept one stays on the address checked.
 */
const agents = {
  http: new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
  https: new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS, scheduling: 'lifo' }),
};

export interface SendOutcome {
  /** null when no answer came (timeout, refused, unsafe address). */
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  retryAfter: string | undefined;
}

/** The error of a request sent on a kept-alive connection that the receiver had closed (nothing was answered). */
const staleSocket = (req: ClientRequest, e: NodeJS.ErrnoException) => req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE');

/**
 * POSTs one signed body with node's http(s) over a kept-alive connection: the address is
 * checked again at connection time (publicOnlyLookup against DNS rebinding; IP literals
 * directly), the whole exchange is bounded by `timeoutMs`, and only the first 1 KB of the
 * answer is kept (an answer is read to its end, up to 64 KB, so the connection can be reused).
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string, options: { timeoutMs: number; allowPrivate: boolean }): Promise<SendOutcome> {
  const started = Date.now();
  const latency = () => Date.now() - started;
  return new Promise((resolve) => {
    let settled = false;
    const inFlight: { req?: ClientRequest } = {};
    const timer = setTimeout(() => {
      failed(`no answer within ${options.timeoutMs} ms`);
      inFlight.req?.destroy();
    }, options.timeoutMs);
    const finish = (outcome: Omit<SendOutcome, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, latencyMs: latency() });
    };
    const failed = (error: string) => finish({ statusCode: null, responseExcerpt: null, error, retryAfter: undefined });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return failed('the subscription URL is not a URL');
    }
    // An IP literal never reaches `lookup`: check it here.
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !isAllowedAddress(host, options.allowPrivate)) return failed(`${host} is not a public address`);
    const https = target.protocol === 'https:';
    const send = (retriesLeft: number) => {
      if (settled) return;
      const req = (inFlight.req = (https ? httpsRequest : httpRequest)(target, {
        method: 'POST',
        agent: https ? agents.https : agents.http,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: publicOnlyLookup(options.allowPrivate),
      }));
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (retriesLeft > 0 && staleSocket(req, e)) send(retriesLeft - 1);
        else failed(e.message);
      });
      req.on('response', (res: IncomingMessage) => answered(res));
      req.end(body);
    };
    const answered = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      let read = 0;
      const done = () =>
        finish({
          statusCode: res.statusCode ?? null,
          responseExcerpt: Buffer.concat(chunks).toString('utf8'),
          error: null,
          retryAfter: res.headers['retry-after'],
        });
      res.on('data', (chunk: Buffer) => {
        if (kept < EXCERPT_BYTES) {
          const part = chunk.subarray(0, EXCERPT_BYTES - kept);
          chunks.push(part);
          kept += part.length;
        }
        read += chunk.length;
        if (read > DRAIN_BYTES) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', done);
      res.on('close', done);
    };
    send(STALE_SOCKET_RETRIES);
  });
}
