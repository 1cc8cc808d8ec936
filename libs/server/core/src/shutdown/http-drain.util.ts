import type { Server, ServerResponse } from 'node:http';

/** What draining the HTTP server did: requests it let finish, and connections it had to cut at the deadline. */
export interface HttpDrainOutcome {
  finished: number;
  cut: number;
}

/**
 * Counts the server's requests from now on, so that a drain knows which are in flight. Call once,
 * before `listen`. Returns the drain: stop accepting connections, answer every request already
 * received (each response with `Connection: close`, idle keep-alive connections closed), and cut
 * what is still open after `graceMs`.
 */
export function trackHttpDrain(server: Server): (graceMs: number) => Promise<HttpDrainOutcome> {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let finished = 0;
  server.on('request', (_req, res) => {
    inFlight.add(res);
    if (draining && !res.headersSent) res.setHeader('Connection', 'close');
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) {
        finished++;
        // The connection this response used is idle now: close it rather than wait for keep-alive.
        server.closeIdleConnections();
      }
    });
  });
  return (graceMs) =>
    new Promise<HttpDrainOutcome>((resolve) => {
      draining = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const cutAt = setTimeout(() => {
        const cut = inFlight.size;
        server.closeAllConnections();
        resolve({ finished, cut });
      }, graceMs);
      cutAt.unref();
      // Stops listening at once; the callback runs when the last connection has ended.
      server.close(() => {
        clearTimeout(cutAt);
        resolve({ finished, cut: 0 });
      });
      server.closeIdleConnections();
    });
}
