import type { ServerResponse } from 'node:http';

/** The longest a request whose caller hung up keeps its place while its handler has not answered. */
export const ABANDONED_REQUEST_GRACE_MS = 30_000;

/**
 * Calls `done` once, when the request's work is over: when its handler sends the response
 * (`end`), or the response finishes. A caller hanging up does not end the work — the handler goes
 * on reading and writing the database and answers into the closed connection — so after a hang-up
 * `done` waits for that answer, at most `graceMs` (a handler that streamed into the closed
 * connection may never call `end`). Counting a hang-up as done would let callers that give up and
 * retry stack more work in the process than any bound admits.
 */
export function onWorkDone(res: ServerResponse, done: () => void, graceMs = ABANDONED_REQUEST_GRACE_MS): void {
  let called = false;
  let grace: NodeJS.Timeout | undefined;
  const once = () => {
    if (called) return;
    called = true;
    if (grace) clearTimeout(grace);
    done();
  };
  const end = res.end;
  res.end = function (this: ServerResponse, ...args: unknown[]) {
    once();
    return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['end'];
  res.once('finish', once);
  res.once('close', () => {
    if (called) return;
    grace = setTimeout(once, graceMs);
    grace.unref();
  });
}
