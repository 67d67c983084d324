import { trimmed, TextLength } from '@marketplace/common';
import { Field, Float, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { IsLatitudeDegrees, IsLongitudeDegrees, POSTCODE } from './coordinates';

@InputType({ description: 'A point on the earth.' })
export class GeoPointInput {
  @Field(() => Float, { description: 'WGS84 latitude in degrees, -90 to 90, kept to 7 decimals.' })
  @IsLatitudeDegrees()
  latitude!: number;

  @Field(() => Float, { description: 'WGS84 longitude in degrees, -180 to 180, kept to 7 decimals.' })
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
  @Field({ description: 'The town, 1 to 100 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(1, 100, { message: 'must be 1 to 100 characters' })
  city!: string;

  @Field({ description: '3 to 10 letters, digits, spaces or dashes (75011, 2A004); kept in capitals.' })
  @Transform(trimmed)
  @IsString()
  @Matches(POSTCODE, { message: 'must be a postcode such as 75011' })
  postcode!: string;
}

/** The place's columns as they are stored: postcodes in capitals, so that 75011 and 2a004 compare as written. */
export function placeColumns({ city, postcode, latitude, longitude }: PlaceInput): Place {
  return { city, postcode: postcode.toUpperCase(), latitude, longitude };
}

@InputType({
  description:
    'Where a mission takes place. The address and the exact point are shown to the client and the assigned provider only; anyone else sees the town, the postcode and the point rounded to about 1 km.',
})
export class LocationInput extends PlaceInput {
  @Field({ description: 'The street address, 3 to 200 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 200, { message: 'must be 3 to 200 characters' })
  address!: string;
}
