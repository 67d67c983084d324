export * from './moderation-action.entity';
export * from './moderation-log.module';
export * from './moderation-log.service';
