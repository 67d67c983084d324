import { MigrationInterface, QueryRunner } from 'typeorm';

export class TaxProfiles1797800000000 implements MigrationInterface {
  name = 'TaxProfiles1797800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."tax_activity_type" AS ENUM('BIC_SERVICES', 'BNC_SSI', 'BNC_CIPAV', 'SALES')`);
    await queryRunner.query(`CREATE TYPE "public"."tax_vat_status" AS ENUM('FRANCHISE', 'LIABLE')`);
    await queryRunner.query(`CREATE TYPE "public"."tax_declaration_frequency" AS ENUM('MONTHLY', 'QUARTERLY')`);
    await queryRunner.query(
      `CREATE TABLE "tax_profiles" ("user_id" uuid NOT NULL, "activity_type" "public"."tax_activity_type" NOT NULL, "activity_started_on" date NOT NULL, "vat_status" "public"."tax_vat_status" NOT NULL, "vat_number" text, "vat_rate_basis_points" integer, "declaration_frequency" "public"."tax_declaration_frequency" NOT NULL, "versement_liberatoire" boolean NOT NULL, "off_platform_revenue_cents" bigint NOT NULL DEFAULT '0', "off_platform_revenue_year" integer, "franchise_ended_on" date, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "tax_profiles_off_platform" CHECK (off_platform_revenue_cents >= 0 AND (off_platform_revenue_year IS NOT NULL OR off_platform_revenue_cents = 0)), CONSTRAINT "tax_profiles_liable_vat_number" CHECK (vat_status <> 'LIABLE' OR vat_number IS NOT NULL), CONSTRAINT "tax_profiles_vat_number" CHECK (vat_number IS NULL OR vat_number ~ '^FR[0-9]{11}$'), CONSTRAINT "PK_802dcff2ccc8430ef1f0be823db" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "tax_profiles" ADD CONSTRAINT "tax_profiles_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tax_profiles" DROP CONSTRAINT "tax_profiles_user_fkey"`);
    await queryRunner.query(`DROP TABLE "tax_profiles"`);
    await queryRunner.query(`DROP TYPE "public"."tax_declaration_frequency"`);
    await queryRunner.query(`DROP TYPE "public"."tax_vat_status"`);
    await queryRunner.query(`DROP TYPE "public"."tax_activity_type"`);
  }
}
