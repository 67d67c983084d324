export * from './earnings.module';
export * from './earnings.service';
export * from './statements/income-statement.entity';
export * from './calendar-date.scalar';
export { PARIS, parisDateOf } from './calendar-period';
