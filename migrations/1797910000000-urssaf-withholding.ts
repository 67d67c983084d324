import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * URSSAF_WITHHOLDING: what is withheld from a payout for the URSSAF (fixed at its first transfer
 * attempt, all or none of its parts), and the ledger account it is owed on.
 */
export class UrssafWithholding1797910000000 implements MigrationInterface {
  name = 'UrssafWithholding1797910000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payouts" ADD "urssaf_contributions_cents" integer`);
    await queryRunner.query(`ALTER TABLE "payouts" ADD "urssaf_income_tax_cents" integer`);
    await queryRunner.query(`ALTER TABLE "payouts" ADD "urssaf_training_cents" integer`);
    await queryRunner.query(`ALTER TABLE "payouts" ADD "urssaf_withheld_cents" integer`);
    await queryRunner.query(
      `ALTER TABLE "payouts" ADD CONSTRAINT "payouts_urssaf_withholding" CHECK ((urssaf_withheld_cents IS NULL) = (urssaf_contributions_cents IS NULL) AND (urssaf_withheld_cents IS NULL) = (urssaf_income_tax_cents IS NULL) AND (urssaf_withheld_cents IS NULL) = (urssaf_training_cents IS NULL) AND (urssaf_withheld_cents IS NULL OR urssaf_withheld_cents = urssaf_contributions_cents + urssaf_income_tax_cents + urssaf_training_cents))`,
    );
    await queryRunner.query(`ALTER TYPE "public"."ledger_account" ADD VALUE 'URSSAF_OWED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "ledger_entries" WHERE "account" = 'URSSAF_OWED'`);
    await queryRunner.query(
      `CREATE TYPE "public"."ledger_account_old" AS ENUM('STRIPE_BALANCE', 'CLIENT_FUNDS_HELD', 'PLATFORM_FEES', 'PLATFORM_LOSSES')`,
    );
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ALTER COLUMN "account" TYPE "public"."ledger_account_old" USING "account"::"text"::"public"."ledger_account_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."ledger_account"`);
    await queryRunner.query(`ALTER TYPE "public"."ledger_account_old" RENAME TO "ledger_account"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "payouts_urssaf_withholding"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "urssaf_withheld_cents"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "urssaf_training_cents"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "urssaf_income_tax_cents"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "urssaf_contributions_cents"`);
  }
}
