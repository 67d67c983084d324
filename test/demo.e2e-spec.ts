/** `npm run demo` as a developer runs it, against a running API: it plays the whole journey and exits 0. */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { aUserWithRole } from './support/accounts.builders';
import { aRunningApi, outputOf } from './support/running-api';
import { TestApp } from './support/test-app';

function npmRunDemo(env: NodeJS.ProcessEnv) {
  return outputOf(
    spawn('npm', ['run', '--silent', 'demo'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, ...env },
      timeout: 110_000,
    }),
  );
}

describe('npm run demo', () => {
  let app: TestApp;
  let dataDir: string;

  beforeAll(async () => {
    app = await aRunningApi();
    // The API's data directory, as with `npm start`: the demo reads its emails there, and the emulator's key.
    dataDir = app.config.dataDir;
    writeFileSync(join(dataDir, 'local-secrets.json'), JSON.stringify({ stripeEmulatorSecretKey: app.stripe.secretKey }));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('plays the whole journey against the running API, one line per step, and exits 0', async () => {
    const moderator = await aUserWithRole(app, 'MODERATOR');
    const { code, output } = await npmRunDemo({
      API_URL: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}`,
      STRIPE_API_HOST: app.stripe.host,
      STRIPE_API_PORT: String(app.stripe.port),
      DATA_DIR: dataDir,
      DEMO_MODERATOR_EMAIL: moderator.email,
      DEMO_MODERATOR_PASSWORD: moderator.password,
    });
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('Done: the whole journey ran.') });
    expect(output).toMatch(/^ ?\d+\. Dana accepted Karim's bid: mission ASSIGNED; in her app's cache: .*Lucie DECLINED/m);
    expect(output).toMatch(/^ ?\d+\. Karim's payout [0-9a-f-]{36}: TRANSFERRED, 108\.00 EUR/m);
    expect(output).toContain('reputations: Karim as provider 5 (1 rating), Dana as client 4 (1 rating)');
  }, 120_000);
});
