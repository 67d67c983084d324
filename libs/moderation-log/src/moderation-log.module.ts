import { AccountsModule } from '@marketplace/accounts';
import { NodeSources } from '@marketplace/common';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ModerationAction } from './moderation-action.entity';
import { ModerationLog } from './moderation-log.service';
import { ModerationLogResolver } from './moderation-log.resolver';

/** Low in the dependency order so that every domain with moderator actions can record them. */
@Module({
  imports: [TypeOrmModule.forFeature([ModerationAction]), AccountsModule],
  providers: [ModerationLog, ModerationLogResolver],
  exports: [ModerationLog],
})
export class ModerationLogModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeSources,
    private readonly log: ModerationLog,
  ) {}

  onModuleInit(): void {
    this.nodes.register({ typeName: 'ModerationAction', visibleByIds: (viewer, ids) => this.log.visibleTo(viewer, ids) });
  }
}
