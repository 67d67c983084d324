import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RatingRole } from './rating.entity';

registerEnumType(RatingRole, { name: 'RatingRole', description: 'The role of the rated user in the mission.' });

/** Relations are declared by RatingResolver. */
@ObjectType('Rating', { implements: () => [NodeInterface] })
export class RatingType {
  @Field(() => ID)
  id!: string;

  @Field(() => RatingRole)
  role!: RatingRole;

  @Field(() => Int)
  score!: number;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => String, { nullable: true, description: "The rated user's public answer, if any." })
  reply!: string | null;

  @Field(() => Date, { nullable: true, description: 'Null until both sides have rated or the rating window has closed.' })
  publishedAt!: Date | null;

  @Field()
  createdAt!: Date;
}

export const RatingConnection = ConnectionType(RatingType, 'Rating');

@ObjectType('ReputationSummary')
export class ReputationSummaryType {
  @Field(() => Float, { nullable: true, description: 'Mean of published, not hidden scores, null when there are none.' })
  average!: number | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType('Reputation')
export class ReputationType {
  @Field(() => ReputationSummaryType)
  asProvider!: ReputationSummaryType;

  @Field(() => ReputationSummaryType)
  asClient!: ReputationSummaryType;
}
