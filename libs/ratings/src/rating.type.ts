import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RatingRole } from './rating.entity';
import { RatingOrder } from './ratings.service';

registerEnumType(RatingOrder, {
  name: 'RatingOrder',
  description: 'The order of a list of ratings, by publication date (ties by id).',
  valuesMap: {
    NEWEST_FIRST: { description: 'The most recently published first (the default).' },
    OLDEST_FIRST: { description: 'The first published first.' },
  },
});

registerEnumType(RatingRole, {
  name: 'RatingRole',
  description: 'The role of the rated user in the mission.',
  valuesMap: {
    PROVIDER: { description: 'The assigned provider, rated by the client.' },
    CLIENT: { description: 'The client, rated by the assigned provider.' },
  },
});

/** Relations are declared by RatingResolver. */
@ObjectType('Rating', {
  implements: () => [NodeInterface],
  description:
    "One party's rating of the other after a completed mission. Double-blind: until it is published, and once a moderator hid it, only its author sees it.",
})
export class RatingType {
  @Field(() => ID, { description: "The rating's id." })
  id!: string;

  @Field(() => RatingRole, { description: 'The role in which the subject is rated.' })
  role!: RatingRole;

  @Field(() => Int, { description: '1 to 5.' })
  score!: number;

  @Field(() => String, { nullable: true, description: "The author's comment, at most 1000 characters; null when there is none." })
  comment!: string | null;

  @Field(() => String, { nullable: true, description: "The rated user's public answer, if any." })
  reply!: string | null;

  @Field(() => Date, { nullable: true, description: 'Null until both sides have rated or the rating window has closed.' })
  publishedAt!: Date | null;

  @Field({ description: 'When the mission rated was completed: the date of the experience the rating is about.' })
  missionCompletedAt!: Date;

  @Field({ description: 'When the author rated.' })
  createdAt!: Date;
}

export const RatingConnection = ConnectionType(RatingType, 'Rating');

@ObjectType('ReputationSummary', { description: "A user's ratings in one role." })
export class ReputationSummaryType {
  @Field(() => Float, {
    nullable: true,
    description: 'Mean of published, not hidden scores, null when there are none. Rounded to 2 decimals.',
  })
  average!: number | null;

  @Field(() => Int, { description: 'How many published, not hidden ratings count.' })
  count!: number;
}

@ObjectType('Reputation', { description: "What a user's published, not hidden ratings say of them, per role." })
export class ReputationType {
  @Field(() => ReputationSummaryType, { description: 'Ratings received as the provider of a mission.' })
  asProvider!: ReputationSummaryType;

  @Field(() => ReputationSummaryType, { description: 'Ratings received as the client of a mission.' })
  asClient!: ReputationSummaryType;
}
