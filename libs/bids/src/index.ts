export * from './bid.entity';
export * from './bid.type';
export * from './bids.module';
export * from './bids.service';
