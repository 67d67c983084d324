import { MigrationInterface, QueryRunner } from 'typeorm';

export class LapsedAcceptances1796300000000 implements MigrationInterface {
  name = 'LapsedAcceptances1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Added in place: swapping the type would rewrite every bid and rebuild its indexes (millions of rows).
    await queryRunner.query(`ALTER TYPE "public"."bid_status" ADD VALUE 'EXPIRED'`);
    await queryRunner.query(`ALTER TABLE "payments" ADD "due_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "payments" ADD "lapsed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`DROP INDEX "public"."payments_mission_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "payments_mission_key" ON "payments" ("mission_id") WHERE lapsed_at IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // A mission that lapsed and was accepted again has two payments: only the live one can be kept.
    await queryRunner.query(
      `DELETE FROM "ledger_entries" WHERE "payment_id" IN (SELECT "id" FROM "payments" WHERE "lapsed_at" IS NOT NULL)`,
    );
    await queryRunner.query(`DELETE FROM "payments" WHERE "lapsed_at" IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."payments_mission_key"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "payments_mission_key" ON "payments" ("mission_id") `);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "lapsed_at"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "due_at"`);
    await queryRunner.query(`UPDATE "bids" SET "status" = 'DECLINED' WHERE "status" = 'EXPIRED'`);
    await queryRunner.query(`CREATE TYPE "public"."bid_status_old" AS ENUM('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')`);
    await queryRunner.query(`DROP INDEX "public"."bids_one_live_per_provider_and_mission"`);
    await queryRunner.query(`DROP INDEX "public"."bids_one_accepted_per_mission"`);
    await queryRunner.query(`ALTER TABLE "bids" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "bids" ALTER COLUMN "status" TYPE "public"."bid_status_old" USING "status"::"text"::"public"."bid_status_old"`,
    );
    await queryRunner.query(`ALTER TABLE "bids" ALTER COLUMN "status" SET DEFAULT 'PENDING'`);
    await queryRunner.query(`DROP TYPE "public"."bid_status"`);
    await queryRunner.query(`ALTER TYPE "public"."bid_status_old" RENAME TO "bid_status"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "bids_one_accepted_per_mission" ON "bids" ("mission_id") WHERE status = 'ACCEPTED'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "bids_one_live_per_provider_and_mission" ON "bids" ("mission_id", "provider_id") WHERE status IN ('PENDING', 'ACCEPTED')`,
    );
  }
}
