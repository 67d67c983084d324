import { Client } from 'pg';
import { toPublicCoordinate } from './coordinates';

/** Against the suite's own PostgreSQL: the CHECK on missions compares with its rounding, bit for bit. */
describe('toPublicCoordinate', () => {
  it('rounds every coordinate as PostgreSQL rounds it, halves and negatives included', async () => {
    const degrees = [1.005, -1.555, -0.125, 2.675, -0.0000001, 0, 179.995, -89.995];
    for (let i = 0; i < 20_000; i++) {
      // 7 decimals as the inputs keep them, and a share that end in 5 at the third.
      degrees.push(Math.round((Math.random() * 360 - 180) * 1e7) / 1e7, Math.round(Math.random() * 180_000 - 90_000) / 1000 + 0.005);
    }
    const client = new Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ degrees: number; rounded: number }>(
        'SELECT d AS degrees, round(d::numeric, 2)::float8 AS rounded FROM unnest($1::float8[]) AS d',
        [degrees],
      );
      expect(rows.filter((row) => toPublicCoordinate(row.degrees) !== row.rounded)).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
