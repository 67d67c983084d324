import { AccountsModule } from '@marketplace/accounts';
import { BidsModule } from '@marketplace/bids';
import { ConversationsModule } from '@marketplace/conversations';
import { MissionsModule } from '@marketplace/missions';
import { RatingsModule } from '@marketplace/ratings';
import { DecisionReversals, ModerationDecisionKind, ModerationDecisionsModule } from '@marketplace/moderation-decisions';
import { ModerationLogModule } from '@marketplace/moderation-log';
import { NotificationsModule } from '@marketplace/notifications';
import { NodeSources } from '@marketplace/common';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModerationResolver } from './moderation.resolver';
import { ModerationService } from './moderation.service';
import { Report } from './report.entity';

/** At the top of the dependency order: the desk acts on every other domain through its service. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Report]),
    AccountsModule,
    ModerationLogModule,
    ModerationDecisionsModule,
    NotificationsModule,
    MissionsModule,
    BidsModule,
    RatingsModule,
    ConversationsModule,
  ],
  providers: [ModerationService, ModerationResolver],
  exports: [ModerationService],
})
export class ModerationModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeSources,
    private readonly moderation: ModerationService,
    private readonly reversals: DecisionReversals,
  ) {}

  onModuleInit(): void {
    for (const kind of [ModerationDecisionKind.CONTENT_HIDDEN, ModerationDecisionKind.SUSPENSION]) {
      this.reversals.on(kind, (manager, decision, reviewer) => this.moderation.reverse(manager, decision, reviewer));
    }
    this.nodes.register({ typeName: 'Report', visibleByIds: (viewer, ids) => this.moderation.reportsVisibleTo(viewer, ids) });
  }
}
