import { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentReceipts1797300000000 implements MigrationInterface {
  name = 'PaymentReceipts1797300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "payment_receipts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mission_id" uuid NOT NULL, "client_id" uuid NOT NULL, "issued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "total_cents" integer NOT NULL, "currency" character(3) NOT NULL, "facts" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "payment_receipts_total" CHECK (total_cents >= 0), CONSTRAINT "PK_42242bb7e01c7d075b35bd13fe0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "payment_receipts_mission_key" ON "payment_receipts"  ("mission_id") `);
    await queryRunner.query(
      `ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_mission_fkey" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payment_receipts" ADD CONSTRAINT "payment_receipts_client_fkey" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment_receipts" DROP CONSTRAINT "payment_receipts_client_fkey"`);
    await queryRunner.query(`ALTER TABLE "payment_receipts" DROP CONSTRAINT "payment_receipts_mission_fkey"`);
    await queryRunner.query(`DROP INDEX "public"."payment_receipts_mission_key"`);
    await queryRunner.query(`DROP TABLE "payment_receipts"`);
  }
}
