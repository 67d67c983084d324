import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentCancellation1796115513922 implements MigrationInterface {
  name = 'PaymentCancellation1796115513922';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payments" ADD "canceled_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TYPE "public"."payment_status" ADD VALUE 'CANCELED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Before this migration an unpaid payment whose mission was cancelled simply stayed unpaid.
    await queryRunner.query(`UPDATE "payments" SET "status" = 'FAILED' WHERE "status" = 'CANCELED'`);
    await queryRunner.query(`CREATE TYPE "public"."payment_status_old" AS ENUM('REQUIRES_PAYMENT', 'SUCCEEDED', 'REFUNDED', 'FAILED')`);
    await queryRunner.query(`ALTER TABLE "payments" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "payments" ALTER COLUMN "status" TYPE "public"."payment_status_old" USING "status"::"text"::"public"."payment_status_old"`,
    );
    await queryRunner.query(`ALTER TABLE "payments" ALTER COLUMN "status" SET DEFAULT 'REQUIRES_PAYMENT'`);
    await queryRunner.query(`DROP TYPE "public"."payment_status"`);
    await queryRunner.query(`ALTER TYPE "public"."payment_status_old" RENAME TO "payment_status"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "canceled_at"`);
  }
}
