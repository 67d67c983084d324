import { AccountsModule } from '@marketplace/accounts';
import { Module } from '@nestjs/common';
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
export class ModerationLogModule {}
