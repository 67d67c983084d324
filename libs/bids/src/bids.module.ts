import { AccountsModule } from '@marketplace/accounts';
import { IdentityModule } from '@marketplace/identity';
import { MissionEvents, MissionsModule } from '@marketplace/missions';
import { NodeSources } from '@marketplace/common';
import { RealtimeModule } from '@marketplace/realtime';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Bid } from './bid.entity';
import { BidResolver, MissionBidsResolver } from './bid.resolver';
import { BidsService } from './bids.service';

@Module({
  imports: [TypeOrmModule.forFeature([Bid]), AccountsModule, IdentityModule, MissionsModule, RealtimeModule],
  providers: [BidsService, BidResolver, MissionBidsResolver],
  exports: [BidsService],
})
export class BidsModule implements OnModuleInit {
  constructor(
    private readonly missionEvents: MissionEvents,
    private readonly bids: BidsService,
    private readonly nodes: NodeSources,
  ) {}

  /** A cancelled mission's pending bids are declined with it; an acceptance that lapsed unpaid leaves its bid EXPIRED. */
  onModuleInit(): void {
    this.missionEvents.onCancelled((manager, mission) => this.bids.declinePendingBidsOn(manager, mission));
    this.missionEvents.onAcceptanceLapsed((manager, mission, bidId) => this.bids.expireAccepted(manager, mission, bidId));
    this.nodes.register({ typeName: 'Bid', visibleByIds: (viewer, ids) => this.bids.findVisibleByIds(viewer, ids) });
  }
}
