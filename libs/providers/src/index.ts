export * from './provider-profile.entity';
export * from './provider-profile.type';
export * from './providers.module';
export * from './providers.service';
export * from './siret';
