import { TextLength } from '../text-length';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, IsUUID } from 'class-validator';
import { trimmed } from '../trimmed';

/** `(id: ID!, reason: String!)`: a moderator acting on something, saying why (3–1000 characters). */
@ArgsType()
export class IdWithReasonArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  id!: string;

  @Field()
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 1000, { message: 'must be 3 to 1000 characters' })
  reason!: string;
}
