import { get } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertPublicUrl, isPublicAddress, publicOnlyLookup, UnsafeTargetError } from './public-target.validator';

describe('SSRF guard', () => {
  it.each(['127.0.0.1', '10.0.0.8', '172.16.4.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::ffff:127.0.0.1', 'fd00::1', 'fe80::1', '192.0.2.1'])(
    'refuses %s',
    (address) => expect(isPublicAddress(address)).toBe(false),
  );

  it.each(['8.8.8.8', '151.101.1.1', '2606:4700::1'])('accepts %s', (address) => expect(isPublicAddress(address)).toBe(true));

  it('refuses URLs that are not http(s), carry credentials, or name a private host', async () => {
    await expect(assertPublicUrl('ftp://example.com/x', false)).rejects.toThrow(/http\(s\)/);
    await expect(assertPublicUrl('not a url', false)).rejects.toThrow(UnsafeTargetError);
    await expect(assertPublicUrl('https://u:p@example.com/', false)).rejects.toThrow(/credentials/);
    await expect(assertPublicUrl('http://127.0.0.1:8080/hook', false)).rejects.toThrow(/127\.0\.0\.1/);
    await expect(assertPublicUrl('http://[::1]/hook', false)).rejects.toThrow(/not a public address/);
    await expect(assertPublicUrl('http://169.254.169.254/latest/meta-data', false)).rejects.toThrow(/not a public address/);
    await expect(assertPublicUrl('http://localhost:3000/', false)).rejects.toThrow(/not a public address/);
  });

  it('lets private targets through when allowed', async () => {
    await expect(assertPublicUrl('http://127.0.0.1:8080/hook', true)).resolves.toBeInstanceOf(URL);
    await expect(assertPublicUrl('http://localhost:8080/hook', true)).resolves.toBeInstanceOf(URL);
    await expect(assertPublicUrl('http://169.254.169.254/latest/meta-data', true)).rejects.toThrow(/not a public address/);
  });

  it('refuses at connection time a host that resolves to loopback', async () => {
    const server = createServer((_req, res) => res.end('ok')).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const port = (server.address() as AddressInfo).port;
    const fetchWith = (allow: boolean) =>
      new Promise<string>((resolve, reject) => {
        get({ host: 'localhost', port, family: 4, lookup: publicOnlyLookup(allow) }, (res) => {
          res.resume();
          resolve(String(res.statusCode));
        }).on('error', reject);
      });
    try {
      await expect(fetchWith(false)).rejects.toThrow(/no public address/);
      await expect(fetchWith(true)).resolves.toBe('200');
    } finally {
      server.close();
    }
  });
});
