import { Module } from '@nestjs/common';
import { RealtimeEvents } from './realtime-events';

@Module({
  providers: [RealtimeEvents],
  exports: [RealtimeEvents],
})
export class RealtimeModule {}
