export * from './rating-hide-reasons';
export * from './rating.entity';
export * from './rating.type';
export * from './ratings.module';
export * from './ratings.service';
export * from './reputation.entity';
export type { UserReputation, ReputationSummary } from './reputation';
