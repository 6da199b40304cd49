import { expect, test, type Cookie } from '@playwright/test';
import { CookieJar, parseSetCookie } from '../../fixtures/flows/cookie-jar';

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
    expect(jar.header(url('http://op.test/'), now)).toBe('plain=v');
    expect(jar.header(url('https://op.test/'), now)).toBe('sec=v; plain=v');
  });

  test('Set-Cookie replaces the cookie with the same name, domain and path, and Max-Age=0 removes it', () => {
    const jar = new CookieJar([cookie({ name: 'session_id', value: 'old', path: '/' })]);
    const at = url('https://op.test/jans-auth/restv1/authorize');
    jar.store('session_id=new; Path=/; Secure; HttpOnly', at);
    expect(jar.header(at)).toBe('session_id=new');
    jar.store('session_id=; Path=/; Max-Age=0', at);
    expect(jar.header(at)).toBe('');
  });

  test('an Expires in the past removes; without Path the default path is the request directory', () => {
    const at = url('https://op.test/jans-auth/restv1/authorize');
    const parsed = parseSetCookie('opbs=abc; Secure', at);
    expect(parsed).toMatchObject({ name: 'opbs', value: 'abc', domain: 'op.test', path: '/jans-auth/restv1', secure: true, remove: false });
    expect(parseSetCookie('opbs=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', at)?.remove).toBe(true);
    expect(parseSetCookie('no-equals-sign', at)).toBeUndefined();
  });

  test('a Domain attribute makes a domain cookie, lower-cased', () => {
    expect(parseSetCookie('a=b; Domain=.Op.test; Path=/', url('https://auth.op.test/'))?.domain).toBe('.op.test');
  });
});
