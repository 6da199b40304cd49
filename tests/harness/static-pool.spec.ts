import { expect, test } from '@playwright/test';
import { StaticPoolExhausted, uniqueTag, type TestUser } from '../../fixtures/access/provisioning';
import { splitUsers, workersServed } from '../../fixtures/access/static-pool';
import { StaticProvisioner } from '../../fixtures/access/static-provisioner';
import { twinGroups, type StaticTarget } from '../../fixtures/access/static-target';

/**
 * Static mode never lets two tests hold one listed user at once: workers running at the same time
 * lend from disjoint shares of the target file (by parallelIndex), and within a worker a user is
 * lent to one test until it gives it back. Each provisioner below stands for one test.
 */

/** A target file with `pairs` pairs of users sharing a givenName and `singles` users of their own, listed interleaved. */
function targetFile(pairs: number, singles: number): StaticTarget {
  const prefix = `rsconf-pool-${uniqueTag()}-`;
  const user = (name: string, givenName = `${prefix}${name}`): TestUser => ({
    uid: `${prefix}${name}`,
    password: 'unused',
    mail: `${prefix}${name}@rs-conformance.invalid`,
    givenName,
    displayName: name,
  });
  const users: TestUser[] = [];
  for (let i = 0; i < Math.max(pairs, singles); i++) {
    if (i < pairs) users.push(user(`a${i}`, `${prefix}twin${i}`));
    if (i < singles) users.push(user(`s${i}`));
    if (i < pairs) users.push(user(`b${i}`, `${prefix}twin${i}`));
  }
  const client = { client_id: 'c', client_secret: 's', redirect_uri: 'https://127.0.0.1/cb' };
  return { issuer: 'https://op.test', user_prefix: prefix, users, clients: { login: client, no_scope: client } };
}

const uids = (users: readonly TestUser[]) => users.map((u) => u.uid);

test.describe('static-mode users', () => {
  test('a run uses no more workers than the file serves: one per four users with a pair sharing a givenName', () => {
    const served = (pairs: number, singles: number) => {
      const file = targetFile(pairs, singles);
      return workersServed(file.users, twinGroups(file));
    };
    expect(served(1, 2)).toBe(1);
    expect(served(2, 4)).toBe(2);
    expect(served(1, 6)).toBe(1);
    expect(served(3, 1)).toBe(1);
    expect(served(0, 3)).toBe(1);
    expect(served(0, 12)).toBe(3);
  });

  test('the shares of the workers are disjoint, cover every listed user once, and keep each pair sharing a givenName together', () => {
    for (const [pairs, singles] of [
      [1, 2],
      [2, 4],
      [3, 1],
      [0, 5],
    ] as const) {
      const file = targetFile(pairs, singles);
      // A uid listed twice is one user: it must not land in two shares.
      file.users.push({ ...(file.users[0] as TestUser), password: 'listed twice' });
      const everyone = new Set(uids(file.users));
      for (let workers = 1; workers <= 6; workers++) {
        const shares = splitUsers(file.users, twinGroups(file), workers);
        expect(shares).toHaveLength(workers);
        const lent = shares.flatMap(uids);
        expect(lent.length, `${pairs} pairs, ${singles} singles, ${workers} workers: no user in two shares`).toBe(new Set(lent).size);
        expect(new Set(lent)).toEqual(everyone);
        for (const group of twinGroups(file)) {
          expect(
            shares.filter((share) => group.some((u) => share.includes(u))),
            'a pair stays in one share',
          ).toHaveLength(1);
        }
        // No share gets more than one unit beyond another: a pair is the largest unit.
        const sizes = shares.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
      }
    }
  });

  test('each worker lends only its own share: the users the tests of all workers get never overlap', async () => {
    const file = targetFile(2, 4);
    const workers = 2;
    const got = await Promise.all(
      Array.from({ length: workers }, async (_, index) => {
        const oneTest = new StaticProvisioner(file, { index, workers });
        const users: TestUser[] = [];
        let refusal: unknown;
        while (refusal === undefined && users.length <= file.users.length) {
          await oneTest.createUser().then(
            (user) => users.push(user),
            (error: unknown) => (refusal = error),
          );
        }
        expect(refusal).toEqual(
          new StaticPoolExhausted(
            `every user in this worker's share of JANS_TARGET_FILE (4 of its 8 users: they are split between the 2 workers) is in use; list more users or set JANS_WORKERS lower`,
          ),
        );
        return uids(users);
      }),
    );
    expect(got.map((users) => users.length)).toEqual([4, 4]);
    expect(new Set(got.flat()).size).toBe(8);
  });

  test('within a worker, a user is lent to one test until that test gives it back', async () => {
    const file = targetFile(1, 1);
    const whole = { index: 0, workers: 1 };
    const [first, second, third] = [0, 1, 2].map(() => new StaticProvisioner(file, whole)) as [StaticProvisioner, StaticProvisioner, StaticProvisioner];
    const held = [await first.createUser(), await first.createUser()];
    expect(await first.createTwins(), 'the pair is not free: the test holds one of them').toBeUndefined();
    const other = await second.createUser();
    expect(uids([...held, other]).sort()).toEqual(uids(file.users).sort());
    await expect(second.createUser()).rejects.toThrow(new StaticPoolExhausted('every user in JANS_TARGET_FILE is in use; list more users'));
    await expect(third.createUser()).rejects.toBeInstanceOf(StaticPoolExhausted);

    const swept: string[] = [];
    await first.dispose((user) => {
      swept.push(user.uid);
      return Promise.resolve(true);
    });
    expect(swept.sort(), 'their sessions are swept as they are given back').toEqual(uids(held).sort());
    expect(await third.createTwins(), 'one of the pair is still lent to the second test').toBeUndefined();
    // A failed sweep still gives the users back (they stay listed; the next test that holds them sweeps again).
    await second.dispose(() => Promise.reject(new Error('sweep failed')));
    const twins = await third.createTwins();
    expect(twins && uids(twins).sort()).toEqual(uids(file.users.filter((u) => u.givenName.includes('twin'))).sort());
    expect(twins?.[0].givenName).toBe(twins?.[1].givenName);
    expect((await first.createUser()).givenName, 'the one user left is the single one').not.toContain('twin');
    await first.dispose(() => Promise.resolve(true));
    await third.dispose(() => Promise.resolve(true));
  });

  test('a worker whose share holds no pair skips the first-match checks naming the fix; a file without one says what to list', async () => {
    const file = targetFile(1, 3);
    const index = splitUsers(file.users, twinGroups(file), 2).findIndex((share) => twinGroups({ ...file, users: share }).length === 0);
    expect(index, 'one of the two shares holds the pair, the other single users only').toBeGreaterThanOrEqual(0);
    await expect(new StaticProvisioner(file, { index, workers: 2 }).createTwins()).rejects.toThrow(
      new StaticPoolExhausted(
        "no two users sharing a givenName are in this worker's share of JANS_TARGET_FILE (2 of its 5 users: they are split between the 2 workers): list such a pair for every worker, or set JANS_WORKERS lower",
      ),
    );
    const none = targetFile(0, 3);
    await expect(new StaticProvisioner(none, { index: 0, workers: 1 }).createTwins()).rejects.toThrow(
      `no two listed users share a givenName that starts with user_prefix "${none.user_prefix}" (a real user could bear any other): give two listed users the same givenName starting with the prefix`,
    );
  });

  test('login clients are ordinary unless the file says trusted, and registered for refresh tokens only where it says so', async () => {
    const file = targetFile(1, 2);
    const login = { client_id: 'l', client_secret: 's', redirect_uri: 'https://127.0.0.1/cb', refresh_tokens: true };
    const provisioner = (clients: Partial<typeof file.clients>) =>
      new StaticProvisioner({ ...file, clients: { ...file.clients, ...clients } }, { index: 0, workers: 1 });
    expect(await provisioner({ login }).createClient('login')).toMatchObject({ refreshTokens: true, trusted: false });
    expect(await provisioner({ login: { ...login, trusted: true } }).createClient('login')).toMatchObject({ refreshTokens: true, trusted: true });
    expect(await provisioner({ login: { ...login, refresh_tokens: undefined } }).createClient('login')).toMatchObject({ refreshTokens: false, trusted: false });
  });
});
