import { MigrationInterface, QueryRunner } from 'typeorm';

export class Photos1796141691843 implements MigrationInterface {
  name = 'Photos1796141691843';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."photo_use" AS ENUM('MISSION', 'MESSAGE')`);
    await queryRunner.query(
      `CREATE TABLE "photos" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "use" "public"."photo_use", "unattached_since" TIMESTAMP WITH TIME ZONE, "width" integer NOT NULL, "height" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "photos_dimensions" CHECK (width BETWEEN 1 AND 2560 AND height BETWEEN 1 AND 2560), CONSTRAINT "photos_unattached_since_unattached" CHECK ((use IS NULL) = (unattached_since IS NOT NULL)), CONSTRAINT "PK_5220c45b8e32d49d767b9b3d725" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "photos_unattached_since_idx" ON "photos"  ("unattached_since") WHERE unattached_since IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "photos_owner_id_unattached_idx" ON "photos"  ("owner_id") WHERE use IS NULL`);
    await queryRunner.query(`ALTER TABLE "missions" ADD "photo_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "missions" ADD CONSTRAINT "missions_photo_count" CHECK (cardinality(photo_ids) <= 6)`);
    await queryRunner.query(
      `ALTER TABLE "photos" ADD CONSTRAINT "FK_edb2bca1755984d877112420345" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "photos" DROP CONSTRAINT "FK_edb2bca1755984d877112420345"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP CONSTRAINT "missions_photo_count"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP COLUMN "photo_ids"`);
    await queryRunner.query(`DROP INDEX "public"."photos_owner_id_unattached_idx"`);
    await queryRunner.query(`DROP INDEX "public"."photos_unattached_since_idx"`);
    await queryRunner.query(`DROP TABLE "photos"`);
    await queryRunner.query(`DROP TYPE "public"."photo_use"`);
  }
}
