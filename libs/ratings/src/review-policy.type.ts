import { Locale } from '@marketplace/accounts';
import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RatingHideReason } from './rating-hide-reasons';
import { ReviewPolicySectionKey } from './review-policy';

registerEnumType(ReviewPolicySectionKey, {
  name: 'ReviewPolicySectionKey',
  description: 'What a section of the ratings policy is about, whatever its language.',
  valuesMap: {
    VERIFICATION: { description: 'Whether ratings are checked, and how: who may rate.' },
    PUBLICATION: { description: 'Double-blind publication and the maximum delay before a rating is published.' },
    DATES_AND_ORDER: { description: 'The dates shown beside a rating, and the order of lists.' },
    EDITING_AND_REPLIES: { description: "Whether a rating can be changed, the rated person's reply, contacting the author." },
    CONSIDERATION: { description: 'Whether anything is given in exchange for a rating.' },
    RETENTION: { description: 'How long ratings are kept and shown.' },
    HIDING: { description: 'The closed list of reasons a moderator may hide a rating for.' },
    REPORTING: { description: 'How to report a rating, free of charge.' },
  },
});

@ObjectType('ReviewPolicySection', { description: 'One part of the ratings policy.' })
export class ReviewPolicySectionType {
  @Field(() => ReviewPolicySectionKey, { description: 'What the section is about.' })
  key!: ReviewPolicySectionKey;

  @Field({ description: 'Its heading.' })
  title!: string;

  @Field({ description: 'Its text, plain.' })
  text!: string;
}

@ObjectType('RatingHideReasonLabel', { description: 'One reason of the closed list, as the policy words it.' })
export class RatingHideReasonLabelType {
  @Field(() => RatingHideReason, { description: 'The code hideRating takes.' })
  code!: RatingHideReason;

  @Field({ description: 'Its wording in the policy.' })
  label!: string;
}

@ObjectType('ReviewPolicy', {
  description:
    'How ratings work on the platform (Code de la consommation L. 111-7-2, D. 111-17): who may rate, publication, dates and order, editing, consideration, retention, the reasons for hiding, reporting. Written from the rules the platform applies.',
})
export class ReviewPolicyType {
  @Field(() => Locale, { description: 'The language of the texts.' })
  locale!: Locale;

  @Field({ description: 'The heading of the page.' })
  title!: string;

  @Field(() => [ReviewPolicySectionType], { description: 'The sections, in the order to show them.' })
  sections!: ReviewPolicySectionType[];

  @Field(() => Int, {
    description:
      "RATING_WINDOW_DAYS: days after a mission's completion during which it is rated; a rating is published at the latest then.",
  })
  ratingWindowDays!: number;

  @Field({ description: 'Whether anything is given in exchange for a rating: never.' })
  considerationGiven!: boolean;

  @Field(() => [RatingHideReasonLabelType], { description: 'The closed list of reasons a moderator may hide a rating for.' })
  hideReasons!: RatingHideReasonLabelType[];
}
