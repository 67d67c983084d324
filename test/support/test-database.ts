import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const TEMPLATE_DATABASE = 'marketplace_test_template';

/** Creates and drops the per-file test databases on the server the global setup prepared. */
export class TestDatabaseServer {
  constructor(private readonly adminUrl: string) {}

  static fromEnvironment(): TestDatabaseServer {
    const adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_ADMIN_URL is not set: run the tests with `npm test`.');
    return new TestDatabaseServer(adminUrl);
  }

  urlOf(database: string): string {
    const url = new URL(this.adminUrl);
    url.pathname = `/${database}`;
    return url.toString();
  }

  async recreate(database: string): Promise<void> {
    await this.admin(async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${database}"`);
    });
  }

  /** A fresh, migrated database for one test file. */
  async cloneTemplate(): Promise<string> {
    const database = `marketplace_test_${randomBytes(6).toString('hex')}`;
    await this.admin((client) => client.query(`CREATE DATABASE "${database}" TEMPLATE "${TEMPLATE_DATABASE}"`));
    return database;
  }

  async drop(database: string): Promise<void> {
    await this.admin((client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  }

  private async admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
}
