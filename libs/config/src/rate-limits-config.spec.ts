import { loadAppConfig } from './app-config';
import { RATE_LIMITED_OPERATIONS, rateLimitEnvPrefix } from './rate-limits-config';

describe('rate limits configuration', () => {
  it('has a default for every operation, per user only for operations done signed in', () => {
    const result = loadAppConfig({});
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.rateLimits.register).toEqual({ windowSeconds: 3600, perIp: 20 });
    expect(result.config.rateLimits.report).toEqual({ windowSeconds: 3600, perIp: 100, perUser: 20 });
    expect(Object.keys(result.config.rateLimits).sort()).toEqual([...RATE_LIMITED_OPERATIONS].sort());
  });

  it('names the variables after the operation', () => {
    expect(rateLimitEnvPrefix('documentUpload')).toBe('RATE_LIMIT_DOCUMENT_UPLOAD');
    expect(rateLimitEnvPrefix('bid')).toBe('RATE_LIMIT_BID');
  });

  it('reads each limit from the environment, and names a bad one', () => {
    const result = loadAppConfig({ RATE_LIMIT_BID_PER_USER: '7', RATE_LIMIT_BID_PER_IP: '70', RATE_LIMIT_BID_WINDOW_SECONDS: '60' });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config.rateLimits.bid).toEqual({ windowSeconds: 60, perIp: 70, perUser: 7 });

    const bad = loadAppConfig({ RATE_LIMIT_REPORT_PER_USER: '0', RATE_LIMIT_MISSION_WINDOW_SECONDS: 'hourly' });
    expect(bad.ok ? [] : bad.problems).toEqual([
      expect.stringMatching(/^RATE_LIMIT_MISSION_WINDOW_SECONDS must be a whole number/),
      expect.stringMatching(/^RATE_LIMIT_REPORT_PER_USER must be a whole number from 1 to 1000000/),
    ]);
  });
});
