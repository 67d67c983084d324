import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DocumentStorageConfig } from '@marketplace/config';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStorage } from './file-storage';
import { writePrivateFile } from './private-file';

type S3Config = Extract<DocumentStorageConfig, { kind: 's3' }>;

/** Production storage: any S3-compatible object store (AWS S3, MinIO, Scaleway, OVH…). */
export class S3FileStorage extends FileStorage {
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    super();
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    });
  }

  /**
   * PutObject needs the length before the first byte, and a multipart upload (lib-storage) holds
   * parts of 5 MB or more in memory: the file is spooled to a private temporary file instead, then
   * sent from disk with its length.
   */
  async put(key: string, content: AsyncIterable<Buffer>): Promise<void> {
    const spool = join(tmpdir(), `upload-${randomUUID()}`);
    await writePrivateFile(spool, content);
    try {
      const { size } = await stat(spool);
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key: key,
          Body: createReadStream(spool),
          ContentLength: size,
          ContentType: 'application/octet-stream',
        }),
      );
    } finally {
      await rm(spool, { force: true });
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }
}
