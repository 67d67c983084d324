import { TextLength } from '../text-length';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { trimmed } from '../trimmed';

/** `(id: ID!, reason: String!)`: a moderator acting on something, saying why (3–1000 characters). */
@ArgsType()
export class IdWithReasonArgs {
  @Field(() => ID, {
    description: 'The id of what the mutation acts on (the identity verification, mission, rating, message or user it names).',
  })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  id!: string;

  @Field({
    description:
      'Why, 3 to 1000 characters once trimmed: written to the moderation log (and, for a rejected identity verification, shown to the user as its rejectionReason).',
  })
  @Transform(trimmed)
  @IsString()
  @TextLength(3, 1000, { message: 'must be 3 to 1000 characters' })
  reason!: string;
}

/** `(id: ID!, reason: String!, groundId: String)`: a moderator's decision that restricts a user, and the clause of our terms it rests on. */
@ArgsType()
export class RestrictionArgs extends IdWithReasonArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "The ground in our terms of use the decision rests on (moderationGrounds lists them by kind); by default the kind's general clause. Cited in the statement of reasons the user receives.",
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  groundId?: string | null;
}
