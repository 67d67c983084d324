import { MigrationInterface, QueryRunner } from 'typeorm';

export class MissionLifecycleSteps1796600000000 implements MigrationInterface {
  name = 'MissionLifecycleSteps1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "missions" ADD "payment_received_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "missions" ADD "dispute_refund_cents" integer`);
    // What the payments domain now tells the mission: its accepted bid's payment came in.
    await queryRunner.query(
      `UPDATE "missions" SET "payment_received_at" = "payments"."succeeded_at" FROM "payments"
       WHERE "payments"."mission_id" = "missions"."id" AND "payments"."bid_id" = "missions"."accepted_bid_id"
         AND "payments"."lapsed_at" IS NULL AND "payments"."succeeded_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "missions" DROP COLUMN "dispute_refund_cents"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP COLUMN "payment_received_at"`);
  }
}
