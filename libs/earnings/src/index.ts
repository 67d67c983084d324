export * from './earnings.module';
export * from './earnings.service';
export * from './statements/income-statement.entity';
