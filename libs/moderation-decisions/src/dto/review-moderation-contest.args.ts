import { IdWithReasonArgs } from '@marketplace/common';
import { ArgsType, Field, registerEnumType } from '@nestjs/graphql';
import { IsEnum } from 'class-validator';
import { ContestStatus } from '../moderation-contest.entity';

export enum ContestReview {
  UPHOLD = 'UPHOLD',
  REVERSE = 'REVERSE',
}

registerEnumType(ContestReview, {
  name: 'ContestReview',
  description: "A reviewer's outcome for a contested decision.",
  valuesMap: {
    UPHOLD: { description: 'The decision stands.' },
    REVERSE: { description: 'The decision is reversed: hidden content shown again, a suspension lifted, a payout released.' },
  },
});

export const CONTEST_STATUS_OF = { UPHOLD: ContestStatus.UPHELD, REVERSE: ContestStatus.REVERSED } as const;

@ArgsType()
export class ReviewModerationContestArgs extends IdWithReasonArgs {
  @Field(() => ContestReview, { description: 'Uphold or reverse the decision contested.' })
  @IsEnum(ContestReview)
  outcome!: ContestReview;
}
