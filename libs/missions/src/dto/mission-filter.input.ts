import { trimmed, TextLength } from '@marketplace/common';
import { Field, Float, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsEnum, IsNumber, IsOptional, IsString, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { MissionCategory, MissionStatus } from '../mission.entity';
import { GeoPointInput } from './location.input';

export const MAX_SEARCH_RADIUS_KM = 100;

@InputType({ description: 'What a mission search looks for.' })
export class MissionFilter {
  @Field(() => MissionStatus, { nullable: true, description: 'Defaults to OPEN.' })
  @IsOptional()
  @IsEnum(MissionStatus)
  status?: MissionStatus | null;

  @Field(() => MissionCategory, { nullable: true, description: 'Only missions of this category; every category when omitted.' })
  @IsOptional()
  @IsEnum(MissionCategory)
  category?: MissionCategory | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Full-text search over title and description. 1 to 200 characters, in web-search syntax ("a phrase", -excluded), French and English words stemmed.',
  })
  @IsOptional()
  @Transform(trimmed)
  @IsString()
  @TextLength(1, 200, { message: 'must be 1 to 200 characters' })
  text?: string | null;

  @Field(() => GeoPointInput, {
    nullable: true,
    description: 'With near, results are sorted by distance, nearest first; without it, newest first.',
  })
  @ValidateIf((filter: MissionFilter) => filter.near != null || filter.radiusKm != null)
  @IsDefined({ message: 'is required with radiusKm' })
  @ValidateNested()
  @Type(() => GeoPointInput)
  near?: GeoPointInput | null;

  @Field(() => Float, { nullable: true, description: 'Required with near; at most 100. In km, from 0.1.' })
  @ValidateIf((filter: MissionFilter) => filter.near != null || filter.radiusKm != null)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'is required with near, in km' })
  @Min(0.1, { message: `must be from 0.1 to ${MAX_SEARCH_RADIUS_KM} km` })
  @Max(MAX_SEARCH_RADIUS_KM, { message: `must be from 0.1 to ${MAX_SEARCH_RADIUS_KM} km` })
  radiusKm?: number | null;
}
