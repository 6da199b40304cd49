import { expect, test, type Cookie } from '@playwright/test';
import { CookieJar } from '../../fixtures/flows/cookie-jar';

/** A session's cookies are replayed by the rules a browser follows (RFC 6265 §5.3, §5.4). */

const cookie = (over: Partial<Cookie>): Cookie => ({
  name: 'session_id',
  value: 'v',
  domain: 'op.test',
  path: '/',
  expires: -1,
  httpOnly: true,
  secure: true,
  sameSite: 'Lax',
  ...over,
});

const url = (href: string) => new URL(href);

test.describe('cookie jar', () => {
  test('a host-only cookie goes to its host only; a Domain cookie also to subdomains', () => {
    const jar = new CookieJar([cookie({ name: 'host', domain: 'op.test' }), cookie({ name: 'dom', domain: '.op.test' })]);
    expect(jar.header(url('https://op.test/x'))).toBe('host=v; dom=v');
    expect(jar.header(url('https://auth.op.test/x'))).toBe('dom=v');
    expect(jar.header(url('https://evilop.test/x'))).toBe('');
  });

  test('paths match on segment boundaries, longest path first', () => {
    const jar = new CookieJar([cookie({ name: 'root', path: '/' }), cookie({ name: 'auth', path: '/jans-auth' })]);
    expect(jar.header(url('https://op.test/jans-auth/restv1/authorize'))).toBe('auth=v; root=v');
    expect(jar.header(url('https://op.test/jans-auth'))).toBe('auth=v; root=v');
    expect(jar.header(url('https://op.test/jans-authx/'))).toBe('root=v');
  });

  test('secure cookies never travel over http; expired ones are not sent', () => {
    const now = Date.now();
    const jar = new CookieJar([
      cookie({ name: 'sec', secure: true }),
      cookie({ name: 'plain', secure: false }),
      cookie({ name: 'old', secure: false, expires: Math.floor(now / 1000) - 10 }),
    ]);
    expect(jar.header(url('http://op.test/'))).toBe('plain=v');
    expect(jar.header(url('https://op.test/'))).toBe('sec=v; plain=v');
  });

  test('Set-Cookie replaces the cookie with the same name, domain and path, and Max-Age=0 removes it', () => {
    const jar = new CookieJar([cookie({ name: 'session_id', value: 'old', path: '/' })]);
    const at = url('https://op.test/jans-auth/restv1/authorize');
    expect(jar.store('session_id=new; Path=/; Secure; HttpOnly', at)).toBe('new');
    expect(jar.header(at)).toBe('session_id=new');
    jar.store('session_id=; Path=/; Max-Age=0', at);
    expect(jar.header(at)).toBe('');
  });

  test('an Expires in the past removes; without Path the default path is the request directory', () => {
    const jar = new CookieJar([cookie({ name: 'opbs', value: 'old', path: '/jans-auth/restv1' })]);
    const at = url('https://op.test/jans-auth/restv1/authorize');
    jar.store('opbs=abc; Secure', at);
    expect(jar.header(url('https://op.test/jans-auth/restv1/token'))).toBe('opbs=abc');
    expect(jar.header(url('https://op.test/jans-auth/other'))).toBe('');
    jar.store('opbs=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', at);
    expect(jar.header(url('https://op.test/jans-auth/restv1/token'))).toBe('');
  });

  test("a Domain attribute makes a domain cookie (case-insensitive); another site's Domain is refused", () => {
    const jar = new CookieJar([]);
    jar.store('a=b; Domain=.Op.test; Path=/', url('https://auth.op.test/'));
    expect(jar.header(url('https://op.test/'))).toBe('a=b');
    expect(jar.header(url('https://other.op.test/'))).toBe('a=b');
    expect(jar.store('evil=1; Domain=attacker.test; Path=/', url('https://op.test/'))).toBeUndefined();
    expect(jar.header(url('https://attacker.test/'))).toBe('');
    expect(jar.header(url('https://op.test/'))).toBe('a=b');
  });
});
