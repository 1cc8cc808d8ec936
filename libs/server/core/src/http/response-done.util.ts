import type { ServerResponse } from 'node:http';

/** Calls `done` once, when the response has finished or its connection closed, whichever comes first. */
export function onResponseDone(res: ServerResponse, done: () => void): void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    done();
  };
  res.once('finish', once);
  res.once('close', once);
}
