import { TextLength, trimmed } from '@marketplace/common';
import { ArgsType, Field, ID } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsString, IsUUID } from 'class-validator';

/** What a contest says: the body of the contest link's POST, and an argument of contestModerationDecision. */
@ArgsType()
export class ContestTextArgs {
  @Field({ description: 'Why the decision is wrong, 10 to 2000 characters once trimmed: for the moderator who reviews it.' })
  @Transform(trimmed)
  @IsString()
  @TextLength(10, 2000, { message: 'must be 10 to 2000 characters: say why the decision is wrong' })
  text!: string;
}

@ArgsType()
export class ContestModerationDecisionArgs extends ContestTextArgs {
  @Field(() => ID, { description: "The decision's id (from myModerationDecisions)." })
  @IsUUID('all', { message: 'must be a valid id (UUID)' })
  id!: string;
}
