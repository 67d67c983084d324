import { MigrationInterface, QueryRunner } from 'typeorm';

export class MillisecondCreationTimes1795407101819 implements MigrationInterface {
  name = 'MillisecondCreationTimes1795407101819';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."moderation_actions_created_at_idx"`);
    await queryRunner.query(`ALTER TABLE "moderation_actions" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`DROP INDEX "public"."reports_queue_idx"`);
    await queryRunner.query(`ALTER TABLE "reports" ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "moderation_actions_created_at_idx" ON "moderation_actions"  ("created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "reports_queue_idx" ON "reports"  ("status", "created_at", "id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."reports_queue_idx"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_actions_created_at_idx"`);
    await queryRunner.query(`ALTER TABLE "reports" ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "reports_queue_idx" ON "reports" USING btree ("created_at", "id", "status") `);
    await queryRunner.query(`ALTER TABLE "moderation_actions" ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "moderation_actions_created_at_idx" ON "moderation_actions" USING btree ("created_at", "id") `);
  }
}
