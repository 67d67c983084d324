import { ConnectionType, NodeInterface } from '@marketplace/common';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReportStatus, ReportTarget } from './report.entity';

registerEnumType(ReportTarget, { name: 'ReportTarget' });
registerEnumType(ReportStatus, { name: 'ReportStatus' });

@ObjectType('Report', { implements: () => [NodeInterface] })
export class ReportType {
  @Field(() => ID)
  id!: string;

  @Field(() => ReportTarget)
  target!: ReportTarget;

  @Field(() => ID)
  targetId!: string;

  @Field()
  reason!: string;

  @Field(() => ReportStatus)
  status!: ReportStatus;

  @Field()
  createdAt!: Date;
}

export const ReportConnection = ConnectionType(ReportType, 'Report');
