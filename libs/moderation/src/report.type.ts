import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReportStatus, ReportTarget } from './report.entity';

registerEnumType(ReportTarget, {
  name: 'ReportTarget',
  description: 'What a report is about.',
  valuesMap: {
    MESSAGE: {
      description:
        'A message of a conversation the reporter takes part in (hideMessage acts on it); moderators may then read that conversation.',
    },
    MISSION: { description: 'A mission (hideMission acts on it).' },
    RATING: { description: 'A rating (hideRating acts on it).' },
    USER: { description: 'A user (suspendUser acts on them).' },
  },
});
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  description: "Where a report stands in the moderators' queue.",
  valuesMap: {
    OPEN: { description: 'Waiting for a moderator.' },
    ACTIONED: { description: 'A moderator hid what was reported or suspended the user.' },
    DISMISSED: { description: 'A moderator found nothing to do (dismissReport).' },
  },
});

@ObjectType('Report', {
  implements: () => [NodeInterface],
  description: "A user's report of a mission, a rating, a message or another user, for moderators.",
})
export class ReportType {
  @Field(() => ID, { description: "The report's id." })
  id!: string;

  @Field(() => ReportTarget, { description: 'What the report is about.' })
  target!: ReportTarget;

  @Field(() => ID, { description: 'The id of the mission, rating, message or user reported.' })
  targetId!: string;

  @Field({ description: "The reporter's words, 10 to 1000 characters." })
  reason!: string;

  @Field(() => ReportStatus, { description: 'Where the report stands.' })
  status!: ReportStatus;

  @Field({ description: 'When the report was filed.' })
  createdAt!: Date;
}

export const ReportConnection = ConnectionType(ReportType, 'Report');
