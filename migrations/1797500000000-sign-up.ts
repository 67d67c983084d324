import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignUp1797500000000 implements MigrationInterface {
  name = 'SignUp1797500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "sign_in_awaits_verified_email" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "sign_in_awaits_verified_email"`);
  }
}
