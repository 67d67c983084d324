import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentIntentAfterAcceptance1796200000000 implements MigrationInterface {
  name = 'PaymentIntentAfterAcceptance1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payments" ALTER COLUMN "stripe_payment_intent_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "payments" ALTER COLUMN "client_secret" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Run the create-payment-intent jobs first: a payment still without its PaymentIntent cannot be kept.
    await queryRunner.query(`DELETE FROM "payments" WHERE "stripe_payment_intent_id" IS NULL`);
    await queryRunner.query(`UPDATE "payments" SET "client_secret" = '' WHERE "client_secret" IS NULL`);
    await queryRunner.query(`ALTER TABLE "payments" ALTER COLUMN "client_secret" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "payments" ALTER COLUMN "stripe_payment_intent_id" SET NOT NULL`);
  }
}
