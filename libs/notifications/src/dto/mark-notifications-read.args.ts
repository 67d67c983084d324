import { MAX_PAGE_SIZE } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], {
    nullable: true,
    description: `The notifications to mark read: 1 to ${MAX_PAGE_SIZE} of the viewer's own (NOT_FOUND for any other).`,
  })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'True to mark every notification of the viewer read, instead of ids.' })
  @IsOptional()
  @IsBoolean()
  all?: boolean | null;
}
