import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * DAC7: what the platform holds nowhere else (numéro fiscal, place of birth) and the register of
 * the due diligence. The moderation log takes automated decisions (no moderator), such as a
 * provider's payouts held for missing DAC7 data.
 */
export class Dac7Details1797900000000 implements MigrationInterface {
  name = 'Dac7Details1797900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dac7_details" ("user_id" uuid NOT NULL, "tax_identification_number" text, "birth_city" text, "birth_country_code" character(2), "requested_at" TIMESTAMP WITH TIME ZONE, "reminders_sent" integer NOT NULL DEFAULT '0', "last_reminded_at" TIMESTAMP WITH TIME ZONE, "payouts_held_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "dac7_details_held_after_asking" CHECK (payouts_held_at IS NULL OR requested_at IS NOT NULL), CONSTRAINT "dac7_details_reminders" CHECK (reminders_sent BETWEEN 0 AND 2), CONSTRAINT "dac7_details_birth_country" CHECK (birth_country_code IS NULL OR birth_country_code ~ '^[A-Z]{2}$'), CONSTRAINT "dac7_details_tax_id" CHECK (tax_identification_number IS NULL OR tax_identification_number ~ '^[0-3][0-9]{12}$'), CONSTRAINT "PK_6c337dccd40e5c085723035c68a" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "dac7_details" ADD CONSTRAINT "dac7_details_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "moderation_actions" ALTER COLUMN "moderator_id" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "moderation_actions" WHERE "moderator_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "moderation_actions" ALTER COLUMN "moderator_id" SET NOT NULL`);
    await queryRunner.query(`DROP TABLE "dac7_details"`);
  }
}
