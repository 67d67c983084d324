import { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention purges find read notifications and sent emails by when: without these, each batch would scan its table. */
export class RetentionPurgeIndexes1799100000000 implements MigrationInterface {
  name = 'RetentionPurgeIndexes1799100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "notifications_read_at_idx" ON "notifications" ("read_at") WHERE read_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "email_outbox_sent_at_idx" ON "email_outbox" ("sent_at") WHERE sent_at IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."email_outbox_sent_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_read_at_idx"`);
  }
}
