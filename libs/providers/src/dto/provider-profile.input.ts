import { trimmed, TextLength } from '@marketplace/common';
import { MissionCategory, PlaceInput } from '@marketplace/missions';
import { Field, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEnum, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';

@InputType()
export class ServiceAreaInput extends PlaceInput {
  @Field(() => Int)
  @IsInt({ message: 'must be a whole number of km' })
  @Min(1, { message: 'must be from 1 to 100 km' })
  @Max(100, { message: 'must be from 1 to 100 km' })
  radiusKm!: number;
}

@InputType()
export class ProviderProfileInput {
  @Field()
  @Transform(trimmed)
  @IsString()
  @TextLength(5, 80, { message: 'must be 5 to 80 characters' })
  headline!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @TextLength(0, 2000, { message: 'must be at most 2000 characters' })
  bio?: string | null;

  @Field(() => [MissionCategory])
  @ArrayMinSize(1, { message: 'must name 1 to 5 categories' })
  @ArrayMaxSize(5, { message: 'must name 1 to 5 categories' })
  @ArrayUnique({ message: 'must not name a category twice' })
  @IsEnum(MissionCategory, { each: true })
  categories!: MissionCategory[];

  @Field(() => ServiceAreaInput)
  @ValidateNested()
  @Type(() => ServiceAreaInput)
  serviceArea!: ServiceAreaInput;

  /** The provider's own figure: bounded only to catch typing mistakes, never to cap prices. */
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt({ message: 'must be a whole number of cents' })
  @Min(1, { message: 'must be from 1 to 1000000 cents' })
  @Max(1_000_000, { message: 'must be from 1 to 1000000 cents' })
  hourlyRateCents?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @TextLength(0, 20, { message: 'must be 14 digits' })
  siret?: string | null;
}
