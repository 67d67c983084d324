import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ratings transparency (Code de la consommation D. 111-17, D. 111-19): each rating carries the date
 * of the mission it is about, and a hidden rating the code of its reason from the closed list (its
 * free text becomes the detail). Ratings hidden before the list existed are recorded as TERMS_BREACH.
 */
export class RatingsTransparency1798000000000 implements MigrationInterface {
  name = 'RatingsTransparency1798000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ratings" ADD "mission_completed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `UPDATE "ratings" r SET "mission_completed_at" = m."completed_at" FROM "missions" m WHERE m."id" = r."mission_id"`,
    );
    await queryRunner.query(`ALTER TABLE "ratings" ALTER COLUMN "mission_completed_at" SET NOT NULL`);
    await queryRunner.query(
      `CREATE TYPE "public"."rating_hide_reason" AS ENUM('ABUSIVE', 'PERSONAL_DATA', 'NOT_ABOUT_THE_MISSION', 'NOT_GENUINE', 'ADVERTISING', 'ILLEGAL', 'TERMS_BREACH')`,
    );
    await queryRunner.query(`ALTER TABLE "ratings" ADD "hidden_reason_code" "public"."rating_hide_reason"`);
    await queryRunner.query(`UPDATE "ratings" SET "hidden_reason_code" = 'TERMS_BREACH' WHERE "hidden_at" IS NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "ratings" ADD CONSTRAINT "ratings_hidden_with_reason" CHECK (hidden_at IS NULL OR hidden_reason_code IS NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ratings" DROP CONSTRAINT "ratings_hidden_with_reason"`);
    await queryRunner.query(`ALTER TABLE "ratings" DROP COLUMN "hidden_reason_code"`);
    await queryRunner.query(`DROP TYPE "public"."rating_hide_reason"`);
    await queryRunner.query(`ALTER TABLE "ratings" DROP COLUMN "mission_completed_at"`);
  }
}
