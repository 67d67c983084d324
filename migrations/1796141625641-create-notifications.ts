import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotifications1796141625641 implements MigrationInterface {
  name = 'CreateNotifications1796141625641';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" text NOT NULL, "mission_id" uuid, "conversation_id" uuid, "facts" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notifications_user_unread_idx" ON "notifications"  ("user_id", "created_at", "id") WHERE read_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "notifications_user_newest_idx" ON "notifications"  ("user_id", "created_at", "id") `);
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_newest_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_user_unread_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
