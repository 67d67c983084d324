import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityDocumentUploads1796115511993 implements MigrationInterface {
  name = 'CreateIdentityDocumentUploads1796115511993';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "identity_document_uploads" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_4cfc5856b241784ce899c8e7057" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "identity_document_uploads_owner_id_started_at_idx" ON "identity_document_uploads"  ("owner_id", "started_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_document_uploads" ADD CONSTRAINT "FK_c68b212a61f6ea8baeda944d2ad" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "identity_document_uploads" DROP CONSTRAINT "FK_c68b212a61f6ea8baeda944d2ad"`);
    await queryRunner.query(`DROP INDEX "public"."identity_document_uploads_owner_id_started_at_idx"`);
    await queryRunner.query(`DROP TABLE "identity_document_uploads"`);
  }
}
