import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fair-price insight's aggregate: per category and public point, the accepted bids of the last
 * 12 months as parallel arrays, rebuilt by the refresh job. The GiST index over (category, point)
 * serves "the cells of this category within r km" as the missions' own geo index does.
 */
export class PriceInsightCells1798010000000 implements MigrationInterface {
  name = 'PriceInsightCells1798010000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "price_insight_cells" ("category" "public"."mission_category" NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "point" cube NOT NULL, "amounts_cents" integer array NOT NULL, "hourly_cents" integer array NOT NULL, "provider_ids" uuid array NOT NULL, "client_ids" uuid array NOT NULL, "computed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_price_insight_cells" PRIMARY KEY ("category", "latitude", "longitude"))`,
    );
    await queryRunner.query(`CREATE INDEX "price_insight_cells_location_idx" ON "price_insight_cells" USING gist ("category", "point")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."price_insight_cells_location_idx"`);
    await queryRunner.query(`DROP TABLE "price_insight_cells"`);
  }
}
