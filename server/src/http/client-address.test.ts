import { describe, expect, it } from 'vitest';
import { addressKey, forwardedClient } from './client-address.js';

describe('the client address behind our proxies', () => {
  it('takes the entry our last proxy appended, whatever the client wrote before it', () => {
    expect(forwardedClient('203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedClient('6.6.6.6, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedClient('6.6.6.6,  , 203.0.113.7 ', 1)).toBe('203.0.113.7');
  });

  it('counts hops from the right, through a chain of our own proxies', () => {
    expect(forwardedClient('6.6.6.6, 203.0.113.7, 10.0.0.2', 2)).toBe('203.0.113.7');
    expect(forwardedClient('2001:db8::1, 10.0.0.2', 2)).toBe('2001:db8::1');
  });

  it('has no answer when the header is missing or shorter than the chain', () => {
    expect(forwardedClient(undefined, 1)).toBeUndefined();
    expect(forwardedClient('', 1)).toBeUndefined();
    expect(forwardedClient('203.0.113.7', 2)).toBeUndefined();
  });
});

describe('addresses as counted', () => {
  it('counts an IPv6 host by its /64 and an IPv4 address as itself, however written', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('unknown')).toBe('unknown');
  });
});
