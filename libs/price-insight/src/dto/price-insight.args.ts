import { GeoPointInput, MissionCategory } from '@marketplace/missions';
import { ArgsType, Field, Float } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsNumber, ValidateNested } from 'class-validator';
import { DEFAULT_RADIUS_KM } from '../price-area';

@ArgsType()
export class PriceInsightArgs {
  @Field(() => MissionCategory, { description: 'The category of the missions.' })
  @IsEnum(MissionCategory)
  category!: MissionCategory;

  @Field(() => GeoPointInput, { description: 'Where: snapped to a 0.05° grid.' })
  @ValidateNested()
  @Type(() => GeoPointInput)
  near!: GeoPointInput;

  @Field(() => Float, { defaultValue: DEFAULT_RADIUS_KM, description: 'In km, more than 0 and at most 50; rounded up to 5, 10, 20 or 50.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a number of km' })
  radiusKm!: number;
}
