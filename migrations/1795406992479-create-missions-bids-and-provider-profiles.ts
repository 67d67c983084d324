import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMissionsBidsAndProviderProfiles1795406992479 implements MigrationInterface {
  name = 'CreateMissionsBidsAndProviderProfiles1795406992479';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Geo search without PostGIS: earthdistance over cube; btree_gist lets one GiST index hold the category too.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS cube`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS earthdistance`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(
      `CREATE TYPE "public"."mission_category" AS ENUM('HANDYMAN', 'MOVING', 'CLEANING', 'GARDENING', 'FURNITURE_ASSEMBLY', 'DELIVERY', 'IT_SUPPORT', 'TUTORING', 'PET_CARE', 'CHILDCARE', 'EVENTS', 'OTHER')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."mission_status" AS ENUM('OPEN', 'ASSIGNED', 'DELIVERED', 'COMPLETED', 'DISPUTED', 'CANCELLED')`,
    );
    // TypeORM reads generated-column expressions from typeorm_metadata, keyed by database name. It
    // creates that table itself only when it runs with the entities loaded, so it is made here too.
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)`,
    );
    await queryRunner.query(
      `INSERT INTO "typeorm_metadata"("database", "schema", "table", "type", "name", "value") VALUES (current_database(), 'public', 'missions', 'GENERATED_COLUMN', 'search_vector', $1)`,
      ["to_tsvector('french', title || ' ' || description) || to_tsvector('english', title || ' ' || description)"],
    );
    await queryRunner.query(
      `CREATE TABLE "missions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "client_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "category" "public"."mission_category" NOT NULL, "status" "public"."mission_status" NOT NULL DEFAULT 'OPEN', "address" text NOT NULL, "city" text NOT NULL, "postcode" text NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "public_latitude" double precision NOT NULL, "public_longitude" double precision NOT NULL, "budget_cents" integer, "currency" character(3) NOT NULL DEFAULT 'EUR', "preferred_start" TIMESTAMP WITH TIME ZONE, "preferred_end" TIMESTAMP WITH TIME ZONE, "bid_count" integer NOT NULL DEFAULT '0', "assigned_provider_id" uuid, "accepted_bid_id" uuid, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancellation_reason" text, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_reason" text, "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('french', title || ' ' || description) || to_tsvector('english', title || ' ' || description)) STORED NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "missions_assignment" CHECK (status IN ('OPEN', 'CANCELLED') OR (assigned_provider_id IS NOT NULL AND accepted_bid_id IS NOT NULL)), CONSTRAINT "missions_bid_count" CHECK (bid_count >= 0), CONSTRAINT "missions_preferred_window" CHECK (preferred_end IS NULL OR preferred_start IS NULL OR preferred_end > preferred_start), CONSTRAINT "missions_budget" CHECK (budget_cents IS NULL OR budget_cents BETWEEN 500 AND 1000000), CONSTRAINT "missions_public_point" CHECK (public_latitude = round(latitude::numeric, 2) AND public_longitude = round(longitude::numeric, 2)), CONSTRAINT "missions_coordinates" CHECK (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180), CONSTRAINT "missions_description_length" CHECK (char_length(description) BETWEEN 20 AND 5000), CONSTRAINT "missions_title_length" CHECK (char_length(title) BETWEEN 5 AND 120), CONSTRAINT "PK_787aebb1ac5923c9904043c6309" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "missions_assigned_provider_idx" ON "missions"  ("assigned_provider_id") WHERE assigned_provider_id IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "missions_client_idx" ON "missions"  ("client_id", "created_at", "id") `);
    await queryRunner.query(
      `CREATE INDEX "missions_newest_in_category_idx" ON "missions"  ("status", "category", "created_at", "id") WHERE hidden_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "missions_newest_idx" ON "missions"  ("status", "created_at", "id") WHERE hidden_at IS NULL`);
    // Written by hand (expression indexes TypeORM cannot declare). Search near a point orders by
    // the cube distance of the public point (KNN on GiST); the first index serves the common case,
    // open and visible missions with or without a category, the second any other status.
    await queryRunner.query(
      `CREATE INDEX "missions_open_category_location_idx" ON "missions" USING gist ("category", ll_to_earth("public_latitude", "public_longitude")) WHERE status = 'OPEN' AND hidden_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "missions_location_idx" ON "missions" USING gist ("status", ll_to_earth("public_latitude", "public_longitude")) WHERE hidden_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "missions_search_vector_idx" ON "missions" USING gin ("search_vector")`);
    await queryRunner.query(`CREATE TYPE "public"."bid_status" AS ENUM('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')`);
    await queryRunner.query(
      `CREATE TABLE "bids" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mission_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "amount_cents" integer NOT NULL, "currency" character(3) NOT NULL DEFAULT 'EUR', "message" text NOT NULL, "estimated_hours" double precision, "status" "public"."bid_status" NOT NULL DEFAULT 'PENDING', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bids_estimated_hours" CHECK (estimated_hours IS NULL OR estimated_hours BETWEEN 0.25 AND 200), CONSTRAINT "bids_message_length" CHECK (char_length(message) BETWEEN 10 AND 2000), CONSTRAINT "bids_amount" CHECK (amount_cents BETWEEN 500 AND 1000000), CONSTRAINT "PK_7950d066d322aab3a488ac39fe5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "bids_provider_idx" ON "bids"  ("provider_id", "created_at", "id") `);
    await queryRunner.query(`CREATE INDEX "bids_mission_idx" ON "bids"  ("mission_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "bids_one_accepted_per_mission" ON "bids"  ("mission_id") WHERE status = 'ACCEPTED'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "bids_one_live_per_provider_and_mission" ON "bids"  ("mission_id", "provider_id") WHERE status IN ('PENDING', 'ACCEPTED')`,
    );
    await queryRunner.query(
      `CREATE TABLE "provider_profiles" ("user_id" uuid NOT NULL, "headline" text NOT NULL, "bio" text, "categories" "public"."mission_category" array NOT NULL, "city" text NOT NULL, "postcode" text NOT NULL, "latitude" double precision NOT NULL, "longitude" double precision NOT NULL, "radius_km" integer NOT NULL, "hourly_rate_cents" integer, "currency" character(3) NOT NULL DEFAULT 'EUR', "siret" text, "payouts_enabled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "provider_profiles_siret" CHECK (siret IS NULL OR siret ~ '^[0-9]{14}$'), CONSTRAINT "provider_profiles_hourly_rate" CHECK (hourly_rate_cents IS NULL OR hourly_rate_cents > 0), CONSTRAINT "provider_profiles_radius" CHECK (radius_km BETWEEN 1 AND 100), CONSTRAINT "provider_profiles_coordinates" CHECK (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180), CONSTRAINT "provider_profiles_categories" CHECK (cardinality(categories) BETWEEN 1 AND 5), CONSTRAINT "provider_profiles_bio_length" CHECK (bio IS NULL OR char_length(bio) <= 2000), CONSTRAINT "provider_profiles_headline_length" CHECK (char_length(headline) BETWEEN 5 AND 80), CONSTRAINT "PK_5d1880ed16ff13ea6fd9bca019d" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "missions" ADD CONSTRAINT "FK_87cbde142f7da76d8331da19fee" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "missions" ADD CONSTRAINT "FK_a1df1133c22d1c12fac4e719f18" FOREIGN KEY ("assigned_provider_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "FK_f2332cd6c0c6a27d5232ebd57dc" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bids" ADD CONSTRAINT "FK_ba281145e83b318ebf32b4d951d" FOREIGN KEY ("provider_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "provider_profiles" ADD CONSTRAINT "FK_5d1880ed16ff13ea6fd9bca019d" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "provider_profiles" DROP CONSTRAINT "FK_5d1880ed16ff13ea6fd9bca019d"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "FK_ba281145e83b318ebf32b4d951d"`);
    await queryRunner.query(`ALTER TABLE "bids" DROP CONSTRAINT "FK_f2332cd6c0c6a27d5232ebd57dc"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP CONSTRAINT "FK_a1df1133c22d1c12fac4e719f18"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP CONSTRAINT "FK_87cbde142f7da76d8331da19fee"`);
    await queryRunner.query(`DROP TABLE "provider_profiles"`);
    await queryRunner.query(`DROP INDEX "public"."bids_one_live_per_provider_and_mission"`);
    await queryRunner.query(`DROP INDEX "public"."bids_one_accepted_per_mission"`);
    await queryRunner.query(`DROP INDEX "public"."bids_mission_idx"`);
    await queryRunner.query(`DROP INDEX "public"."bids_provider_idx"`);
    await queryRunner.query(`DROP TABLE "bids"`);
    await queryRunner.query(`DROP TYPE "public"."bid_status"`);
    await queryRunner.query(`DROP INDEX "public"."missions_search_vector_idx"`);
    await queryRunner.query(`DROP INDEX "public"."missions_location_idx"`);
    await queryRunner.query(`DROP INDEX "public"."missions_open_category_location_idx"`);
    await queryRunner.query(`DROP INDEX "public"."missions_newest_idx"`);
    await queryRunner.query(`DROP INDEX "public"."missions_newest_in_category_idx"`);
    await queryRunner.query(`DROP INDEX "public"."missions_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."missions_assigned_provider_idx"`);
    await queryRunner.query(`DROP TABLE "missions"`);
    await queryRunner.query(
      `DELETE FROM "typeorm_metadata" WHERE "type" = 'GENERATED_COLUMN' AND "name" = 'search_vector' AND "database" = current_database() AND "schema" = 'public' AND "table" = 'missions'`,
    );
    await queryRunner.query(`DROP TYPE "public"."mission_status"`);
    await queryRunner.query(`DROP TYPE "public"."mission_category"`);
  }
}
