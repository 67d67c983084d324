export * from './backup-manifest';
export * from './physical-backup';
export * from './physical-restore';
