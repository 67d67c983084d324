import { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailOfNotification1798800000000 implements MigrationInterface {
  name = 'EmailOfNotification1798800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "email_outbox" ADD "notification_id" uuid`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "email_outbox_notification_id_key" ON "email_outbox" ("notification_id") WHERE notification_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."email_outbox_notification_id_key"`);
    await queryRunner.query(`ALTER TABLE "email_outbox" DROP COLUMN "notification_id"`);
  }
}
