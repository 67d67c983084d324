import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { adoptPassword } from './embedded-postgres';

/** Whether a PostgreSQL server at `url` takes this login. */
async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function as(url: string, user: string, password: string): string {
  const changed = new URL(url);
  changed.username = user;
  changed.password = password;
  return changed.toString();
}

/** On the suite's own server, with a role of the test's own. */
describe('the embedded PostgreSQL password', () => {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL!;

  it('replaces the old fixed password of a cluster made before passwords were generated, once', async () => {
    const role = `legacy_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'postgres'`);
      const legacyUrl = as(adminUrl, role, 'postgres');
      const generatedUrl = as(adminUrl, role, 'Gen/erated+secret:1');

      await adoptPassword(legacyUrl, generatedUrl);
      expect(await answers(generatedUrl)).toBe(true);
      expect(await answers(legacyUrl)).toBe(false);
      await expect(adoptPassword(legacyUrl, generatedUrl)).resolves.toBeUndefined();
    } finally {
      await admin.query(`DROP ROLE ${role}`);
      await admin.end();
    }
  });
});
