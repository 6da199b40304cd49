import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { HttpClient } from '../../fixtures/access/http';
import { OriginPolicy } from '../../fixtures/access/origin-policy';
import { opKeys } from '../../fixtures/reference-op/keys';

/**
 * A server (or the balancer before it) closes idle kept-alive connections, and may close several at
 * the same moment. A request that meets such a socket never reached the server: the client sends it
 * again, on a new connection — not on the next pooled socket, which may be just as dead.
 */
test('a request that meets a kept-alive socket the server closed is sent again on a new connection', async () => {
  const keys = await opKeys();
  const dir = mkdtempSync(join(tmpdir(), 'stale-socket-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, keys.tls.cert);
  const seen = new Set<Socket>();
  let closing = false;
  let served = 0;
  const server: Server = createServer({ key: keys.tls.key, cert: keys.tls.cert }, (req, res) => {
    // Once closing, a request on a socket that served before is dropped unanswered, as a server closing it would.
    if (closing && seen.has(req.socket)) {
      req.socket.destroy();
      return;
    }
    seen.add(req.socket);
    served += 1;
    // Held briefly, so that the first two requests open two sockets the pool then keeps.
    setTimeout(() => res.end('ok'), 50);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const client = new HttpClient({ caFile, insecure: false }, { policy: new OriginPolicy(url) });
    await Promise.all([client.request({ method: 'GET', url }), client.request({ method: 'GET', url })]);
    expect(seen.size, 'two kept-alive sockets in the pool').toBe(2);
    closing = true;
    const response = await client.request({ method: 'GET', url });
    expect(response.status).toBe(200);
    expect(served, 'answered on a third, new connection').toBe(3);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  }
});
