export { CONTEST_PATH } from './contest-links';
export * from './decision-reversals';
export * from './moderation-contest.entity';
export * from './moderation-decision.entity';
export * from './moderation-decisions.module';
export * from './moderation-decisions.service';
export * from './moderation-grounds';
