import { trimmed, TextLength } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, IsUUID } from 'class-validator';
import { ReportTarget } from '../report.entity';

@ArgsType()
export class ReportArgs {
  @Field(() => ReportTarget, { description: 'What is reported.' })
  @IsEnum(ReportTarget)
  target!: ReportTarget;

  @Field(() => ID, { description: 'The id of the mission, rating, message or user reported.' })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  targetId!: string;

  @Field({ description: 'What is wrong, 10 to 1000 characters once trimmed.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(10, 1000, { message: 'must be 10 to 1000 characters: say what is wrong' })
  reason!: string;
}
