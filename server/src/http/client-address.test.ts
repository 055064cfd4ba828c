import { describe, expect, it } from 'vitest';
import { forwardedClient } from './client-address.js';

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
