import { trimmed, TextLength } from '@marketplace/common';
import { Field, Float, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { IsLatitudeDegrees, IsLongitudeDegrees, POSTCODE } from './coordinates';

@InputType()
export class GeoPointInput {
  @Field(() => Float)
  @IsLatitudeDegrees()
  latitude!: number;

  @Field(() => Float)
  @IsLongitudeDegrees()
  longitude!: number;
}

@InputType()
export class LocationInput extends GeoPointInput {
  @Field()
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 200, { message: 'must be 3 to 200 characters' })
  address!: string;

  @Field()
  @Transform(trimmed)
  @IsString()
  @TextLength(1, 100, { message: 'must be 1 to 100 characters' })
  city!: string;

  @Field()
  @Transform(trimmed)
  @IsString()
  @Matches(POSTCODE, { message: 'must be a postcode such as 75011' })
  postcode!: string;
}
