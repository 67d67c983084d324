export * from './moderation.module';
export * from './moderation.service';
export * from './report.entity';
