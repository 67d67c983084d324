import { NotFoundError } from '@marketplace/common';
import { showsContactDetails, textFor } from '@marketplace/conversations';
import { IdentityDocumentsService } from '@marketplace/identity';
import { PhotosService } from '@marketplace/photos';
import { AppConfig, InjectConfig, requiredDocumentEncryptionKey } from '@marketplace/config';
import { decryptFile, encryptFile, FileStorage } from '@marketplace/storage';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DATA_EXPORT_SECTIONS, FILES_OF_USER, MESSAGES_OF_USER } from './data-export-sections';
import { ArchiveSummary, ZipArchive } from './zip-archive';

const EXTENSION_OF_MIME: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

interface ArchivedFile {
  name: string;
  read: () => Promise<Buffer | null>;
}

interface MessageRow {
  id: string;
  conversationId: string;
  authorId: string;
  text: string;
  photoIds: string[];
  createdAt: Date;
  hiddenAt: Date | null;
  clientId: string;
  providerId: string;
  assignedProviderId: string | null;
}

/**
 * Builds one user's archive and stores it under `key`: the JSON of every section (read in one
 * snapshot, so the files agree with each other), then the user's own files, read through the
 * services that keep them (identity documents decrypted as their owner downloads them). It holds
 * those documents in clear, so it is stored encrypted as they are (DOCUMENT_ENCRYPTION_KEY,
 * the export's id authenticated with it) and decrypted for its owner's download only.
 */
@Injectable()
export class DataExportArchive {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly identityDocuments: IdentityDocumentsService,
    private readonly photos: PhotosService,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /** The size and SHA-256 it gives are the zip's, as its owner downloads it. */
  async store(key: string, exportId: string, userId: string): Promise<ArchiveSummary> {
    const archive = new ZipArchive();
    const stored = this.storage.put(key, encryptFile(archive.content, requiredDocumentEncryptionKey(this.config), exportId));
    stored.catch(() => undefined); // awaited below; a storage failure meanwhile must not go unhandled
    try {
      const files = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        for (const section of DATA_EXPORT_SECTIONS) {
          const rows = (await manager.query(section.sql, [userId])) as { row: unknown }[];
          archive.addJson(section.file, section.single ? (rows[0]?.row ?? null) : rows.map(({ row }) => row));
        }
        archive.addJson('messages.json', await this.messagesAsSeenBy(manager, userId));
        return this.filesOf(manager, userId);
      });
      // Read after the snapshot ends: the storage (S3, say) is another system.
      for (const { name, read } of files) {
        const content = await read();
        if (content) archive.addFile(name, content);
      }
    } catch (error) {
      archive.abort(error as Error);
      await stored.catch(() => undefined);
      throw error;
    }
    const summary = archive.finish();
    await stored;
    return summary;
  }

  /** The zip stored under `key`, or null when the file is gone; throws when it was altered or swapped. */
  async open(key: string, exportId: string): Promise<Buffer | null> {
    const stored = await this.storage.get(key);
    return stored && decryptFile(stored, requiredDocumentEncryptionKey(this.config), exportId);
  }

  private async messagesAsSeenBy(manager: EntityManager, userId: string): Promise<unknown[]> {
    const rows = (await manager.query(MESSAGES_OF_USER, [userId])) as MessageRow[];
    return rows.map((row) => {
      const { text, masked } = textFor(userId, row, {
        contactsShown: showsContactDetails(row, { assignedProviderId: row.assignedProviderId }),
        moderator: false,
      });
      return {
        id: row.id,
        conversationId: row.conversationId,
        mine: row.authorId === userId,
        text,
        masked,
        hidden: row.hiddenAt !== null,
        photoIds: text === null ? [] : row.photoIds,
        createdAt: row.createdAt,
      };
    });
  }

  /** The user's own files, each with its name in the archive; null from `read` when it is gone from storage (purged meanwhile). */
  private async filesOf(manager: EntityManager, userId: string): Promise<ArchivedFile[]> {
    const owner = { id: userId, roles: [] };
    const query = <Row>(sql: string) => manager.query(sql, [userId]) as Promise<Row[]>;
    const documents = await query<{ id: string; mimeType: string }>(FILES_OF_USER.identityDocuments);
    const photos = await query<{ id: string }>(FILES_OF_USER.photos);
    const invoices = await query<{ number: string; key: string }>(FILES_OF_USER.invoices);
    const statements = await query<{ id: string; key: string }>(FILES_OF_USER.incomeStatements);
    return [
      ...documents.map(({ id, mimeType }) => ({
        name: `files/identity-documents/${id}.${EXTENSION_OF_MIME[mimeType] ?? 'bin'}`,
        read: () =>
          this.identityDocuments.download(owner, id).then(
            (file) => file.content,
            (error: unknown) => {
              if (error instanceof NotFoundError) return null;
              throw error;
            },
          ),
      })),
      ...photos.map(({ id }) => ({ name: `files/photos/${id}.jpg`, read: () => this.photos.file(id, 'full') })),
      ...invoices.map(({ number, key }) => ({ name: `files/invoices/${number}.pdf`, read: () => this.storage.get(key) })),
      ...statements.map(({ id, key }) => ({ name: `files/income-statements/${id}.pdf`, read: () => this.storage.get(key) })),
    ];
  }
}
