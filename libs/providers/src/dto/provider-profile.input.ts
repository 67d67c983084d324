import { trimmed, TextLength } from '@marketplace/common';
import { MissionCategory, PlaceInput } from '@marketplace/missions';
import { Field, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';

@InputType({ description: 'Where a provider works: a town, its postcode, a point, and how far from it.' })
export class ServiceAreaInput extends PlaceInput {
  @Field(() => Int, { description: 'How far from the point the provider travels: a whole number of km, 1 to 100.' })
  @IsInt({ message: 'must be a whole number of km' })
  @Min(1, { message: 'must be from 1 to 100 km' })
  @Max(100, { message: 'must be from 1 to 100 km' })
  radiusKm!: number;
}

@InputType({ description: 'The whole provider profile: a field left out is cleared.' })
export class ProviderProfileInput {
  @Field({ description: 'A one-line pitch, 5 to 80 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(5, 80, { message: 'must be 5 to 80 characters' })
  headline!: string;

  @Field(() => String, { nullable: true, description: 'A longer presentation, at most 2000 characters; null or empty for none.' })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @TextLength(0, 2000, { message: 'must be at most 2000 characters' })
  bio?: string | null;

  @Field(() => [MissionCategory], { description: 'The kinds of work offered: 1 to 5, none twice.' })
  @ArrayMinSize(1, { message: 'must name 1 to 5 categories' })
  @ArrayMaxSize(5, { message: 'must name 1 to 5 categories' })
  @ArrayUnique({ message: 'must not name a category twice' })
  @IsEnum(MissionCategory, { each: true })
  categories!: MissionCategory[];

  @Field(() => ServiceAreaInput, { description: 'Where the provider works.' })
  @ValidateNested()
  @Type(() => ServiceAreaInput)
  serviceArea!: ServiceAreaInput;

  /** Bounded only to catch typing mistakes, never to cap prices. */
  @Field(() => Int, {
    nullable: true,
    description: "The provider's own indicative hourly rate, in euro cents, 1 to 1000000; null for none. The platform never sets prices.",
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of cents' })
  @Min(1, { message: 'must be from 1 to 1000000 cents' })
  @Max(1_000_000, { message: 'must be from 1 to 1000000 cents' })
  hourlyRateCents?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'French business registration number: 14 digits with a valid (Luhn) checksum, spaces, dots and dashes ignored; null for none. Visible to the provider and to moderators only.',
  })
  @IsOptional()
  @IsString()
  @TextLength(0, 20, { message: 'must be 14 digits' })
  siret?: string | null;
}
