export * from './file-cipher';
export * from './file-storage';
export * from './file-type';
export * from './storage.module';
export * from './upload-form';
