export * from './details/dac7-details.entity';
export * from './details/dac7-details.service';
export * from './details/dac7-diligence.service';
export * from './details/numero-fiscal';
export * from './report/dac7-report';
export * from './report/dac7-report.service';
export * from './tax-reporting.module';
export * from './report/dac7-schema';
