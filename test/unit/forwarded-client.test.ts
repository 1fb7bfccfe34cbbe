import { describe, expect, it } from 'vitest';
import { forwardedClient } from '../../functions/api/routes/consultations.js';

describe('the resident’s address behind our proxies (the consultations’ rate limits)', () => {
  it('takes what API Gateway saw when nothing stands in front of it (the China profile, the local stack)', () => {
    expect(forwardedClient('203.0.113.7')).toBe('203.0.113.7');
    // whatever the client wrote itself stands further left and is not believed
    expect(forwardedClient('198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('behind the CDN takes the address CloudFront appended, not CloudFront’s own, and not what the client wrote', () => {
    expect(forwardedClient('203.0.113.7, 130.176.1.1', 1)).toBe('203.0.113.7');
    expect(forwardedClient('198.51.100.1, 203.0.113.7, 130.176.1.1', 1)).toBe('203.0.113.7');
  });

  it('falls back to the one address there is, or to unknown', () => {
    expect(forwardedClient('203.0.113.7', 1)).toBe('203.0.113.7');
    expect(forwardedClient(undefined)).toBe('unknown');
  });
});
