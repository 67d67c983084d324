/**
 * `npm run demo`: plays the whole journey against a running API (`npm start`) and its Stripe
 * emulator, one line per step. API_URL (default http://localhost:$PORT, PORT 3000), STRIPE_API_HOST, STRIPE_API_PORT
 * and DATA_DIR as given to `npm start`. The providers' identities are approved by the moderator
 * DEMO_MODERATOR_EMAIL / DEMO_MODERATOR_PASSWORD if set; otherwise the demo registers one and
 * makes her a moderator with `npm run cli -- grant-role`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Stripe from 'stripe';
import { ModeratorSource, playJourney } from './journey';

function stripeEmulator(env: NodeJS.ProcessEnv): Stripe {
  const secrets = join(env.DATA_DIR || '.data', 'local-secrets.json');
  const { stripeEmulatorSecretKey } = JSON.parse(readFileSync(secrets, 'utf8')) as { stripeEmulatorSecretKey: string };
  return new Stripe(stripeEmulatorSecretKey, {
    host: env.STRIPE_API_HOST || 'localhost',
    port: Number(env.STRIPE_API_PORT || 12111),
    protocol: 'http',
  });
}

function moderatorSource(env: NodeJS.ProcessEnv): ModeratorSource {
  if (env.DEMO_MODERATOR_EMAIL) return { email: env.DEMO_MODERATOR_EMAIL, password: env.DEMO_MODERATOR_PASSWORD ?? '' };
  return {
    // Not execFileSync: a blocked event loop misses the API closing idle connections, and the next request fails on one.
    grant: (email) =>
      new Promise((resolve, reject) => {
        const cli = spawn('npm', ['run', '--silent', 'cli', '--', 'grant-role', email, 'MODERATOR'], { stdio: 'inherit' });
        cli.on('error', reject);
        cli.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm run cli -- grant-role exited with ${code}`))));
      }),
  };
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const apiUrl = env.API_URL || `http://localhost:${env.PORT || 3000}`;
  console.log(`Playing the journey against ${apiUrl}`);
  let number = 0;
  await playJourney({
    apiUrl,
    stripe: stripeEmulator(env),
    moderator: moderatorSource(env),
    outboxDir: join(env.DATA_DIR || '.data', 'outbox'),
    onStep: ({ line }) => console.log(`${String(++number).padStart(2)}. ${line}`),
  });
  console.log('Done: the whole journey ran.');
}

main(process.env).catch((error: Error) => {
  // fetch says only "fetch failed"; its cause says why (refused, reset…).
  console.error(`The demo stopped: ${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}`);
  process.exitCode = 1;
});
