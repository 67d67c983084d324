import { AppConfig, APP_CONFIG } from '@marketplace/config';
import { Module } from '@nestjs/common';
import { join } from 'node:path';
import { FileStorage } from './file-storage';
import { LocalDiskFileStorage } from './local-disk-file-storage';
import { S3FileStorage } from './s3-file-storage';

/**
 * One store for every kind of upload (DOCUMENT_STORAGE): each domain keeps its files under a key
 * prefix of its own (`identity-documents/`, `photos/`). On local disk it is `<dataDir>/documents`,
 * where identity documents were kept before photos came.
 */
@Module({
  providers: [
    {
      provide: FileStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): FileStorage =>
        config.documentStorage.kind === 's3'
          ? new S3FileStorage(config.documentStorage)
          : new LocalDiskFileStorage(join(config.dataDir, 'documents')),
    },
  ],
  exports: [FileStorage],
})
export class StorageModule {}
