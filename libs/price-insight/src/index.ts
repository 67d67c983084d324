export * from './price-area';
export * from './price-cell.entity';
export * from './price-insight.module';
export * from './price-insight.service';
