import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The sink of the hostile self-tests: a plain-http server on another loopback address (127.0.0.2,
 * a port of its own), which the reference OP's `foreign-…` switches name as the place to send
 * credentials. It records everything that reaches it and answers as a real endpoint would
 * (401 invalid_client), so that nothing the harness does depends on its being unreachable.
 */

export interface SinkRecord {
  method: string;
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Sink {
  /** Base URL, e.g. http://127.0.0.2:41234 */
  url: string;
  origin: string;
  records: SinkRecord[];
  close(): Promise<void>;
}

/** What in a request would carry something of the operator's (a header, or a parameter name in the body or query). */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const CREDENTIAL_TEXT = /client_secret|client_assertion|password|refresh_token|access_token|(^|[&?])(code|token)=|basic |bearer /i;

/** The records that carry a credential: an Authorization/Cookie header, or a secret-bearing parameter in the body or query. */
export function carryingCredentials(records: readonly SinkRecord[]): SinkRecord[] {
  return records.filter(
    (r) =>
      CREDENTIAL_HEADERS.some((h) => r.headers[h] !== undefined) ||
      CREDENTIAL_TEXT.test(decodeURIComponent(r.query)) ||
      CREDENTIAL_TEXT.test(decodeURIComponent(r.body)),
  );
}

/** The records that are more than a plain GET (a method with a body, a body, a query): what the origin policy must stop. */
export function beyondPlainGet(records: readonly SinkRecord[]): SinkRecord[] {
  return records.filter(
    (r) => (r.method !== 'GET' && r.method !== 'HEAD') || r.body !== '' || r.query !== '' || CREDENTIAL_HEADERS.some((h) => r.headers[h] !== undefined),
  );
}

/** One line per record, for an assertion message: method, path and which headers came (never their values). */
export function describeRecords(records: readonly SinkRecord[]): string {
  return (
    records.map((r) => `${r.method} ${r.path}${r.query ? ' ?…' : ''} [${Object.keys(r.headers).join(',')}] body ${r.body.length} bytes`).join('; ') || 'nothing'
  );
}

export async function startSink(host = '127.0.0.2'): Promise<Sink> {
  const records: SinkRecord[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= 1024 * 1024) chunks.push(chunk);
    });
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sink');
      records.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const body = JSON.stringify({ error: 'invalid_client' });
      res.writeHead(401, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    url: origin,
    origin,
    records,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
