import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '@playwright/test';
import { ConfigApi } from '../../fixtures/access/config-api';
import { HttpClient } from '../../fixtures/access/http';
import { Ledger, type LedgerEntry } from '../../fixtures/access/ledger';
import { ConfigApiProvisioner, removeRecordedClient, removeRecordedUser } from '../../fixtures/access/config-api-provisioner';
import { TargetError } from '../../fixtures/errors';

/**
 * The run ledger and deletion against a small in-process Config API that can misbehave: every user
 * and client the harness creates is on record before its create call reaches the target, the next
 * run repairs from that record alone, and nothing is deleted that the target does not show as the
 * harness's own — not a real user whose inum the target answered with, not a real client.
 */

const REAL_USER = { inum: 'real-user-inum', userId: 'alice' };
const REAL_CLIENT = { inum: 'real-client-inum', clientName: 'Payroll' };

type Behaviour = 'honest' | 'foreign-inum-in-answer' | 'another-user-in-answer' | 'drop-answer';

class FakeConfigApi {
  readonly users = new Map<string, { inum: string; userId: string }>([[REAL_USER.inum, { ...REAL_USER }]]);
  readonly clients = new Map<string, { inum: string; clientName: string }>([[REAL_CLIENT.inum, { ...REAL_CLIENT }]]);
  /** For each create call: whether the ledger already held its entry when the call arrived. */
  readonly onRecordFirst: boolean[] = [];
  readonly deleted: string[] = [];
  behaviour: Behaviour = 'honest';
  ledger: Ledger | undefined;
  private counter = 0;
  private server: Server | undefined;
  issuer = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }

  api(): ConfigApi {
    return new ConfigApi(new HttpClient({ caFile: undefined, insecure: false }), this.issuer, `${this.issuer}/jans-auth/restv1/token`, {
      clientId: 'admin',
      clientSecret: 'fake-admin-secret',
    });
  }

  private recorded(match: (entry: LedgerEntry) => boolean): boolean {
    return (this.ledger?.leftovers() ?? []).some(match);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', this.issuer);
    if (url.pathname === '/jans-auth/restv1/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ access_token: 'fake-token', expires_in: 3600 }));
    }
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
    const json = (status: number, value?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(value === undefined ? undefined : JSON.stringify(value));
    };
    const path = url.pathname;
    let m: RegExpMatchArray | null;
    if (path === '/jans-config-api/api/v1/scopes') {
      const id = url.searchParams.get('pattern') ?? '';
      return json(200, { entries: [{ id, inum: id, dn: `inum=${id},ou=scopes,o=jans` }] });
    }
    if (path === '/jans-config-api/mgt/configuser' && req.method === 'POST') {
      const userId = body.userId as string;
      this.onRecordFirst.push(this.recorded((e) => e.kind === 'user' && e.uid === userId));
      const inum = `gen-user-${++this.counter}`;
      this.users.set(inum, { inum, userId });
      if (this.behaviour === 'drop-answer') return void req.socket.destroy();
      if (this.behaviour === 'foreign-inum-in-answer') return json(201, { inum: REAL_USER.inum, userId });
      if (this.behaviour === 'another-user-in-answer') return json(201, { ...REAL_USER });
      return json(201, { inum, userId });
    }
    if (path === '/jans-config-api/mgt/configuser' && req.method === 'GET') {
      const pattern = (url.searchParams.get('pattern') ?? '').toLowerCase();
      return json(200, { entries: [...this.users.values()].filter((u) => u.userId.toLowerCase().includes(pattern)) });
    }
    if ((m = path.match(/^\/jans-config-api\/mgt\/configuser\/(.+)$/))) {
      const inum = decodeURIComponent(m[1] ?? '');
      const user = this.users.get(inum);
      if (!user) return json(404, { code: '404', message: 'not found' });
      if (req.method === 'DELETE') {
        this.users.delete(inum);
        this.deleted.push(inum);
        return json(204);
      }
      return json(200, user);
    }
    if (path === '/jans-config-api/api/v1/openid/clients' && req.method === 'POST') {
      const asked = body.inum as string;
      this.onRecordFirst.push(this.recorded((e) => e.kind === 'client' && e.inum === asked));
      const clientName = body.clientName as string;
      if (this.behaviour === 'foreign-inum-in-answer') {
        // A server that ignores the inum it was given, and answers with someone else's.
        const inum = `gen-client-${++this.counter}`;
        this.clients.set(inum, { inum, clientName });
        return json(201, { inum: REAL_CLIENT.inum, clientSecret: 'fake-client-secret' });
      }
      this.clients.set(asked, { inum: asked, clientName });
      if (this.behaviour === 'drop-answer') return void req.socket.destroy();
      return json(201, { inum: asked, clientName, clientSecret: 'fake-client-secret' });
    }
    if ((m = path.match(/^\/jans-config-api\/api\/v1\/openid\/clients\/(.+)$/))) {
      const inum = decodeURIComponent(m[1] ?? '');
      const client = this.clients.get(inum);
      if (!client) return json(404, { code: '404', message: 'not found' });
      if (req.method === 'DELETE') {
        this.clients.delete(inum);
        this.deleted.push(inum);
        return json(204);
      }
      return json(200, { ...client, clientSecret: 'fake-client-secret' });
    }
    return json(404, { code: '404', message: 'no such resource' });
  }

  harnessUsers(): string[] {
    return [...this.users.values()].filter((u) => u.userId.startsWith('rsconf-')).map((u) => u.userId);
  }

  harnessClients(): string[] {
    return [...this.clients.values()].filter((c) => c.clientName.startsWith('rs-conformance')).map((c) => c.clientName);
  }
}

/** What the next run's global setup does with the record (the sessions aside): removeRecorded… for each leftover. */
async function repair(api: ConfigApi, ledger: Ledger): Promise<string[]> {
  const refusals: string[] = [];
  for (const entry of ledger.leftovers()) {
    refusals.push(...(entry.kind === 'user' ? await removeRecordedUser(api, ledger, entry) : await removeRecordedClient(api, ledger, entry)));
  }
  return refusals;
}

let fake: FakeConfigApi;
let ledger: Ledger;

test.beforeEach(async () => {
  fake = new FakeConfigApi();
  await fake.start();
  ledger = new Ledger(fake.issuer);
  fake.ledger = ledger;
});

test.afterEach(async () => {
  ledger.clear();
  await fake.stop();
});

test('every user and client is on record before its create call reaches the target; the record alone repairs a killed run', async () => {
  const provisioner = new ConfigApiProvisioner(fake.api(), 'https://127.0.0.1/cb', ledger);
  await provisioner.createUser();
  await provisioner.createTwins();
  await provisioner.createClient('login');
  expect(fake.onRecordFirst, 'the ledger held each entry when its create call arrived').toEqual([true, true, true, true]);
  expect(fake.harnessUsers()).toHaveLength(3);
  expect(fake.harnessClients()).toHaveLength(1);
  // The run is killed here: no dispose. The next run knows only the ledger on disk.
  expect(
    new Ledger(fake.issuer)
      .leftovers()
      .map((e) => `${e.kind} ${e.state}`)
      .sort(),
  ).toEqual(['client created', 'user created', 'user created', 'user created']);
  expect(await repair(fake.api(), new Ledger(fake.issuer))).toEqual([]);
  expect(fake.harnessUsers()).toEqual([]);
  expect(fake.harnessClients()).toEqual([]);
  expect(fake.users.get(REAL_USER.inum)).toEqual(REAL_USER);
  expect(new Ledger(fake.issuer).leftovers()).toEqual([]);
});

test('a user whose create call never answered is found by its exact uid, and nothing else is', async () => {
  const provisioner = new ConfigApiProvisioner(fake.api(), 'https://127.0.0.1/cb', ledger);
  fake.behaviour = 'drop-answer';
  await expect(provisioner.createUser()).rejects.toThrow();
  const [entry] = ledger.leftovers();
  expect(entry?.state, 'recorded as being created, without an inum').toBe('creating');
  expect(entry?.inum).toBeUndefined();
  const uid = entry?.uid as string;
  // A real user whose uid merely contains the harness's: the Config API's pattern search returns both.
  fake.users.set('lookalike', { inum: 'lookalike', userId: `${uid}0` });
  // (The HTTP client sends a request again on a kept-alive socket the server closed, so the target may hold the user twice.)
  expect(fake.harnessUsers().filter((u) => u === uid).length).toBeGreaterThan(0);
  expect(await repair(fake.api(), new Ledger(fake.issuer))).toEqual([]);
  expect(fake.harnessUsers()).toEqual([`${uid}0`]);
  expect(fake.deleted).not.toContain('lookalike');
});

test("a target that answers a user creation with a real user's inum: that user is neither revoked by inum nor deleted", async () => {
  const provisioner = new ConfigApiProvisioner(fake.api(), 'https://127.0.0.1/cb', ledger);
  fake.behaviour = 'foreign-inum-in-answer';
  const user = await provisioner.createUser();
  expect(user.inum).toBe(REAL_USER.inum);
  await expect(provisioner.assertOwnCriterion('inum', REAL_USER.inum), 'never sent as a criterion').rejects.toThrow(/shows it as "alice"/);
  const disposal = provisioner.dispose(() => Promise.resolve(true));
  await expect(disposal).rejects.toThrow(TargetError);
  await expect(disposal).rejects.toThrow(/shows user real-user-inum .* as "alice": the harness did not delete it/);
  expect(fake.users.get(REAL_USER.inum), 'the real user is still there').toEqual(REAL_USER);
  expect(fake.deleted, "the harness's own user, found by its exact uid, is deleted").toEqual(['gen-user-1']);
  expect(fake.harnessUsers()).toEqual([]);
});

test('a target that answers a user creation with another user altogether: refused at once, the real user kept', async () => {
  const provisioner = new ConfigApiProvisioner(fake.api(), 'https://127.0.0.1/cb', ledger);
  fake.behaviour = 'another-user-in-answer';
  await expect(provisioner.createUser()).rejects.toThrow(/answered the creation of user .* with another user/);
  await provisioner.dispose(() => Promise.resolve(true));
  expect(fake.users.get(REAL_USER.inum)).toEqual(REAL_USER);
  expect(fake.harnessUsers()).toEqual([]);
});

test("a target that answers a client creation with a real client's inum: refused, and the real client is never deleted", async () => {
  const provisioner = new ConfigApiProvisioner(fake.api(), 'https://127.0.0.1/cb', ledger);
  fake.behaviour = 'foreign-inum-in-answer';
  await expect(provisioner.createClient('login')).rejects.toThrow(/with another client's inum, real-client-inum: the harness neither uses nor deletes it/);
  await provisioner.dispose(() => Promise.resolve(true));
  expect(await repair(fake.api(), new Ledger(fake.issuer))).toEqual([]);
  expect(fake.clients.get(REAL_CLIENT.inum)).toEqual(REAL_CLIENT);
  expect(fake.deleted).toEqual([]);
});

test('a recorded inum that now names someone else is left alone (users by uid, clients by name)', async () => {
  ledger.record({ kind: 'user', uid: 'rsconf-recorded-1', inum: REAL_USER.inum, state: 'created' });
  ledger.record({ kind: 'client', inum: REAL_CLIENT.inum, clientName: 'rs-conformance login recorded-2', state: 'created' });
  const refusals = await repair(fake.api(), new Ledger(fake.issuer));
  expect(refusals).toEqual([
    'The Config API shows user real-user-inum (recorded for the harness\'s rsconf-recorded-1) as "alice": the harness did not delete it.',
    'The Config API shows client real-client-inum (recorded for the harness\'s "rs-conformance login recorded-2") named "Payroll": the harness did not delete it.',
  ]);
  expect(fake.users.get(REAL_USER.inum)).toEqual(REAL_USER);
  expect(fake.clients.get(REAL_CLIENT.inum)).toEqual(REAL_CLIENT);
  expect(fake.deleted).toEqual([]);
  expect(new Ledger(fake.issuer).leftovers(), 'nothing of the harness left to look for').toEqual([]);
});
