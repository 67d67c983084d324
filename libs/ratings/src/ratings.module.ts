import { AccountsModule } from '@marketplace/accounts';
import { MissionsModule } from '@marketplace/missions';
import { NodeSources } from '@marketplace/common';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Rating } from './rating.entity';
import { MissionRatingsResolver, RatingResolver, UserRatingsResolver } from './ratings.resolver';
import { RatingsService } from './ratings.service';
import { ReputationBook } from './reputation-book';
import { ReviewPolicyResolver } from './review-policy.resolver';
import { ReputationLoader } from './reputation.loader';
import { Reputation } from './reputation.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Rating, Reputation]), AccountsModule, MissionsModule],
  providers: [
    RatingsService,
    ReputationBook,
    ReputationLoader,
    RatingResolver,
    MissionRatingsResolver,
    UserRatingsResolver,
    ReviewPolicyResolver,
  ],
  exports: [RatingsService],
})
export class RatingsModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeSources,
    private readonly ratings: RatingsService,
  ) {}

  onModuleInit(): void {
    this.nodes.register({ typeName: 'Rating', visibleByIds: (viewer, ids) => this.ratings.findVisibleByIds(viewer, ids) });
  }
}
