import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printGeneratedSchema, SCHEMA_FILE } from '../apps/cli/src/schema-file';
import { TestApp } from './support/test-app';

/** The public contract lives in shared/, beside the repository: .ci/run checks this file against it when it is there. */
describe('the GraphQL schema', () => {
  let app: TestApp;
  let generated: string;

  beforeAll(async () => {
    app = await TestApp.start();
    generated = printGeneratedSchema(app.app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('is committed as the code generates it (run `npm run cli -- schema:emit` after a schema change)', () => {
    expect(readFileSync(join(__dirname, '..', SCHEMA_FILE), 'utf8')).toBe(generated);
  });
});
