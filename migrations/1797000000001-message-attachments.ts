import { MigrationInterface, QueryRunner } from 'typeorm';

export class MessageAttachments1797000000001 implements MigrationInterface {
  name = 'MessageAttachments1797000000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" ADD "photo_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "messages_attachment_count" CHECK (cardinality(photo_ids) <= 4)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "messages_attachment_count"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "photo_ids"`);
  }
}
