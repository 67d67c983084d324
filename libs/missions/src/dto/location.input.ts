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

/** A place as missions and provider profiles keep it: a town, its postcode and a point. */
export interface Place {
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
}

/** A place as it is given (a mission's location, a provider's service area), validated alike wherever it is. */
@InputType({ isAbstract: true })
export class PlaceInput extends GeoPointInput implements Place {
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

/** The place's columns as they are stored: postcodes in capitals, so that 75011 and 2a004 compare as written. */
export function placeColumns({ city, postcode, latitude, longitude }: PlaceInput): Place {
  return { city, postcode: postcode.toUpperCase(), latitude, longitude };
}

@InputType()
export class LocationInput extends PlaceInput {
  @Field()
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 200, { message: 'must be 3 to 200 characters' })
  address!: string;
}
