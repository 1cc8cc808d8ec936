import { isAllowedAddress, publicOnlyLookup } from '@clockwork/server-core';
import { isIP } from 'node:net';
import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

const EXCERPT_BYTES = 1024;

export interface SendOutcome {
  /** null when no answer came (timeout, refused, unsafe address). */
  statusCode: number | null;
  latencyMs: number;
  responseExcerpt: string | null;
  error: string | null;
  retryAfter: string | undefined;
}

/**
 * POSTs one signed body with node's http(s): the address is checked again at connection time
 * (publicOnlyLookup against DNS rebinding; IP literals directly), the whole exchange is bounded by `timeoutMs`, and
 * only the first 1 KB of the answer is kept.
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
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = (inFlight.req = request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: publicOnlyLookup(options.allowPrivate),
    }));
    req.on('error', (e) => failed(e.message));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        finish({
          statusCode: res.statusCode ?? null,
          responseExcerpt: Buffer.concat(chunks).toString('utf8'),
          error: null,
          retryAfter: res.headers['retry-after'],
        });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        if (kept < EXCERPT_BYTES) chunks.push(chunk.subarray(0, EXCERPT_BYTES - kept));
        kept += chunk.length;
        if (kept >= EXCERPT_BYTES) done();
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(body);
  });
}
