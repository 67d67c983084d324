import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityDocuments1795405773958 implements MigrationInterface {
  name = 'CreateIdentityDocuments1795405773958';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "identity_documents" ("id" uuid NOT NULL, "owner_id" uuid NOT NULL, "mime_type" text NOT NULL, "size_bytes" integer NOT NULL, "storage_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "identity_documents_mime_type" CHECK (mime_type IN ('image/jpeg', 'image/png', 'application/pdf')), CONSTRAINT "identity_documents_size" CHECK (size_bytes BETWEEN 1 AND 10485760), CONSTRAINT "PK_e0521031eeadbcd1ef2624d0c40" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "identity_documents_owner_id_idx" ON "identity_documents"  ("owner_id") `);
    await queryRunner.query(
      `ALTER TABLE "identity_documents" ADD CONSTRAINT "FK_1c884fbd99e0e00871567016851" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "identity_documents" DROP CONSTRAINT "FK_1c884fbd99e0e00871567016851"`);
    await queryRunner.query(`DROP INDEX "public"."identity_documents_owner_id_idx"`);
    await queryRunner.query(`DROP TABLE "identity_documents"`);
  }
}
