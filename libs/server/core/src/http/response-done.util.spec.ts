import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onWorkDone } from './response-done.util';

/** A real HTTP server whose handler hands each response to the test instead of answering. */
describe('onWorkDone', () => {
  let server: Server;
  let port: number;
  let pending: Array<{ res: ServerResponse; done: jest.Mock; closed: Promise<void> }>;
  const GRACE_MS = 300;

  beforeEach(async () => {
    pending = [];
    server = createServer((_req, res) => {
      const done = jest.fn();
      onWorkDone(res, done, GRACE_MS);
      pending.push({ res, done, closed: new Promise((resolve) => res.once('close', () => resolve())) });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Sends a request; answers its response handle on the server and a way to hang up. */
  const send = async () => {
    const req = request({ port, host: '127.0.0.1', path: '/' });
    const answered = new Promise<number>((resolve) => req.on('response', (r) => (r.resume(), resolve(r.statusCode ?? 0))));
    req.on('error', () => undefined);
    req.end();
    while (!pending.length) await new Promise((r) => setTimeout(r, 5));
    return { handle: pending.shift() as (typeof pending)[number], answered, hangUp: () => req.destroy() };
  };

  it('is done once the handler answers, and only once', async () => {
    const { handle, answered } = await send();
    expect(handle.done).not.toHaveBeenCalled();
    handle.res.end('ok');
    expect(await answered).toBe(200);
    await handle.closed;
    expect(handle.done).toHaveBeenCalledTimes(1);
  });

  it('is not done when the caller hangs up, but when the handler answers after all', async () => {
    const { handle, hangUp } = await send();
    hangUp();
    await handle.closed;
    await new Promise((r) => setTimeout(r, 50));
    // The handler is still working: the caller leaving does not end that.
    expect(handle.done).not.toHaveBeenCalled();
    handle.res.end('too late');
    expect(handle.done).toHaveBeenCalledTimes(1);
    await new Promise((r) => setTimeout(r, GRACE_MS + 50));
    expect(handle.done).toHaveBeenCalledTimes(1);
  });

  it('is done at the latest the grace after a hang-up when the handler never answers', async () => {
    const { handle, hangUp } = await send();
    const hungUpAt = Date.now();
    hangUp();
    await handle.closed;
    while (!handle.done.mock.calls.length && Date.now() - hungUpAt < GRACE_MS * 10) await new Promise((r) => setTimeout(r, 10));
    expect(handle.done).toHaveBeenCalledTimes(1);
    expect(Date.now() - hungUpAt).toBeGreaterThanOrEqual(GRACE_MS - 20);
  });
});
