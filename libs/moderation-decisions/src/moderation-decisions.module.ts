import { AccountsModule } from '@marketplace/accounts';
import { NodeSources } from '@marketplace/common';
import { ModerationLogModule } from '@marketplace/moderation-log';
import { NotificationsModule } from '@marketplace/notifications';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContestLinkController } from './contest-link.controller';
import { ContestLinks } from './contest-links';
import { DecisionReversals } from './decision-reversals';
import { ModerationContest } from './moderation-contest.entity';
import { ModerationDecision } from './moderation-decision.entity';
import { ModerationContestsResolver, ModerationDecisionsResolver, ModerationGroundResolver } from './moderation-decisions.resolver';
import { ModerationDecisionsService } from './moderation-decisions.service';

/**
 * Low in the dependency order (above accounts, notifications and the moderation log) so that every
 * domain that restricts a user — identity, missions, moderation, tax reporting — issues its
 * statement in its own transaction; what a reversal undoes is registered by those above (DecisionReversals).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ModerationDecision, ModerationContest]), AccountsModule, NotificationsModule, ModerationLogModule],
  controllers: [ContestLinkController],
  providers: [
    ContestLinks,
    ModerationDecisionsService,
    DecisionReversals,
    ModerationGroundResolver,
    ModerationDecisionsResolver,
    ModerationContestsResolver,
  ],
  exports: [ModerationDecisionsService, DecisionReversals],
})
export class ModerationDecisionsModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeSources,
    private readonly decisions: ModerationDecisionsService,
  ) {}

  onModuleInit(): void {
    this.nodes.register({ typeName: 'ModerationDecision', visibleByIds: (viewer, ids) => this.decisions.decisionsVisibleTo(viewer, ids) });
    this.nodes.register({ typeName: 'ModerationContest', visibleByIds: (viewer, ids) => this.decisions.contestsVisibleTo(viewer, ids) });
  }
}
