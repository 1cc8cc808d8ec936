import { isAllowedAddress, publicOnlyLookup } from '@clockwork/server-core';
import { isIP } from 'node:net';
import { type ClientRequest, request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

const MAX_ANSWER_BYTES = 64 * 1024;

export interface PushAnswer {
  /** null when no answer came (timeout, refused, unsafe address). */
  statusCode: number | null;
  /** The answer's text (first 64 KB). */
  body: string;
  error: string | null;
}

/**
 * PUTs one signed JSON body with node's http(s): the address is checked again at connection
 * time (publicOnlyLookup against DNS rebinding; IP literals directly) and the whole exchange is
 * bounded by `timeoutMs`.
 */
export function putJson(url: string, headers: Record<string, string>, body: string, options: { timeoutMs: number; allowPrivate: boolean }): Promise<PushAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const inFlight: { req?: ClientRequest } = {};
    const finish = (answer: PushAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const failed = (error: string) => finish({ statusCode: null, body: '', error });
    const timer = setTimeout(() => {
      failed(`no answer within ${options.timeoutMs} ms`);
      inFlight.req?.destroy();
    }, options.timeoutMs);
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !isAllowedAddress(host, options.allowPrivate)) return failed(`${host} is not a public address`);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = (inFlight.req = request(target, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      lookup: publicOnlyLookup(options.allowPrivate),
    }));
    req.on('error', (e) => failed(e.message));
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      const done = () => {
        finish({ statusCode: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8'), error: null });
        res.destroy();
      };
      res.on('data', (chunk: Buffer) => {
        if (kept < MAX_ANSWER_BYTES) chunks.push(chunk.subarray(0, MAX_ANSWER_BYTES - kept));
        kept += chunk.length;
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(body);
  });
}
