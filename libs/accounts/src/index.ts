export * from './accounts.errors';
export * from './accounts.module';
export * from './accounts.service';
export * from './auth/login-throttle';
export * from './auth/sessions.service';
export * from './user.entity';
export * from './user.type';
export * from './users.loader';
