import { MigrationInterface, QueryRunner } from 'typeorm';

export class TaxThresholds1797810000000 implements MigrationInterface {
  name = 'TaxThresholds1797810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."tax_threshold_alert" AS ENUM('BASE_80', 'BASE_90', 'BASE_100', 'MAJORE_NEAR', 'MAJORE_CROSSED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "tax_threshold_alerts" ("user_id" uuid NOT NULL, "year" integer NOT NULL, "alert" "public"."tax_threshold_alert" NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53fa2d5e3e5859117220207ef1f" PRIMARY KEY ("user_id", "year", "alert"))`,
    );
    await queryRunner.query(`ALTER TYPE "public"."missing_invoice_reason" ADD VALUE 'AWAITS_VAT_NUMBER'`);
    await queryRunner.query(
      `ALTER TABLE "tax_threshold_alerts" ADD CONSTRAINT "tax_threshold_alerts_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tax_threshold_alerts" DROP CONSTRAINT "tax_threshold_alerts_user_fkey"`);
    await queryRunner.query(
      `CREATE TYPE "public"."missing_invoice_reason_old" AS ENUM('NO_BILLING_MANDATE', 'NO_SIRET', 'NO_BILLING_ADDRESS')`,
    );
    await queryRunner.query(
      `ALTER TABLE "missing_invoices" ALTER COLUMN "reason" TYPE "public"."missing_invoice_reason_old" USING "reason"::"text"::"public"."missing_invoice_reason_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."missing_invoice_reason"`);
    await queryRunner.query(`ALTER TYPE "public"."missing_invoice_reason_old" RENAME TO "missing_invoice_reason"`);
    await queryRunner.query(`DROP TABLE "tax_threshold_alerts"`);
    await queryRunner.query(`DROP TYPE "public"."tax_threshold_alert"`);
  }
}
