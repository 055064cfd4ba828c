import { describe, expect, it } from 'vitest';
import { loginLocation, safeNext } from './redirect.js';

describe('safeNext', () => {
  it.each([
    ['/articles/abcDEF123456', '/articles/abcDEF123456'],
    ['/admin/people', '/admin/people'],
    ['/articles/x?tab=notes#p2', '/articles/x?tab=notes#p2'],
    ['/', '/'],
    ['/a/../admin/people', '/admin/people'],
    ['/%2F%2Fevil.com', '/%2F%2Fevil.com'],
  ])('follows the same-site path %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it.each([
    ['//evil.com'],
    ['//evil.com/articles/x'],
    ['///evil.com'],
    ['/\\evil.com'],
    ['\\\\evil.com'],
    ['/\t/evil.com'],
    ['/ /evil.com'],
    ['/\n/evil.com'],
    ['https://evil.com'],
    ['http://localhost:3000/articles/x'],
    ['javascript:alert(1)'],
    ['data:text/html,hi'],
    ['evil.com'],
    ['articles/x'],
    [''],
    ['/login'],
    ['/login/'],
    ['/login?next=/admin/people'],
    ['/setup?token=abc'],
    [undefined],
    [null],
    [42],
    ['/' + 'a'.repeat(2001)],
  ])('refuses %j and goes to the desk', (next) => {
    expect(safeNext(next)).toBe('/');
  });

  it('takes the first of a repeated query parameter', () => {
    expect(safeNext(['/articles/one', '//evil.com'])).toBe('/articles/one');
    expect(safeNext(['//evil.com', '/articles/one'])).toBe('/');
  });
});

describe('loginLocation', () => {
  it('remembers a page to come back to', () => {
    expect(loginLocation('/articles/abc?x=1')).toEqual({ name: 'login', query: { next: '/articles/abc?x=1' } });
  });

  it('leaves out `next` for the desk and for pages not worth returning to', () => {
    expect(loginLocation('/')).toEqual({ name: 'login', query: {} });
    expect(loginLocation('/login?next=/x')).toEqual({ name: 'login', query: {} });
  });
});
