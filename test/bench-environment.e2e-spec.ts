/** `npm run bench` starts the API in production mode: the environment it gives it must be complete. */
import { loadAppConfig } from '@marketplace/config';
import { StripeEmulator } from '@marketplace/stripe-emulator';
import { apiEnvironment, readOptions } from '../bench/options';

describe("the bench's API environment", () => {
  it('is a valid production configuration', () => {
    const stripe = { secretKey: 'sk_test_bench', host: '127.0.0.1', port: 1, connectWebhookSecret: 'whsec_connect' } as StripeEmulator;
    const loaded = loadAppConfig(apiEnvironment(readOptions({}), 'postgres://bench@127.0.0.1:1/bench', stripe, 'whsec_bench'));
    expect(loaded.ok ? [] : loaded.problems).toEqual([]);
  });
});
