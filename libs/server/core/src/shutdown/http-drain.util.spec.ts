import { createServer, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trackHttpDrain } from './http-drain.util';

/** A real server on 127.0.0.1 whose `/slow` requests wait until released; the rest answer at once. */
async function serverWithHeldRequests(): Promise<{ server: Server; url: string; held: ServerResponse[]; drain: ReturnType<typeof trackHttpDrain> }> {
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => (req.url === '/slow' ? held.push(res) : res.end('fast')));
  const drain = trackHttpDrain(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, held, drain };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('trackHttpDrain', () => {
  it('stops accepting, answers the requests in flight with Connection: close, then resolves', async () => {
    const { url, held, drain } = await serverWithHeldRequests();
    const inFlight = [fetch(`${url}/slow`), fetch(`${url}/slow`)];
    await until(() => held.length === 2);
    const drained = drain(5000);
    await expect(fetch(`${url}/fast`)).rejects.toThrow(); // no longer listening
    for (const res of held) res.end('done');
    const responses = await Promise.all(inFlight);
    expect(await Promise.all(responses.map((r) => r.text()))).toEqual(['done', 'done']);
    expect(responses.map((r) => r.headers.get('connection'))).toEqual(['close', 'close']);
    expect(await drained).toEqual({ finished: 2, cut: 0 });
  });

  it('cuts what is still in flight when the grace period ends', async () => {
    const { url, held, drain } = await serverWithHeldRequests();
    const stuck = fetch(`${url}/slow`);
    await until(() => held.length === 1);
    const started = Date.now();
    expect(await drain(200)).toEqual({ finished: 0, cut: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await expect(stuck).rejects.toThrow();
  });
});
