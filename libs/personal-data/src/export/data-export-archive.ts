import { NotFoundError } from '@marketplace/common';
import { showsContactDetails, textFor } from '@marketplace/conversations';
import { IdentityDocumentsService } from '@marketplace/identity';
import { PhotosService } from '@marketplace/photos';
import { FileStorage } from '@marketplace/storage';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DATA_EXPORT_SECTIONS, FILES_OF_USER, MESSAGES_OF_USER } from './data-export-sections';
import { ArchiveSummary, ZipArchive } from './zip-archive';

const EXTENSION_OF_MIME: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

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
 * services that keep them (identity documents decrypted as their owner downloads them).
 */
@Injectable()
export class DataExportArchive {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly identityDocuments: IdentityDocumentsService,
    private readonly photos: PhotosService,
  ) {}

  async store(key: string, userId: string): Promise<ArchiveSummary> {
    const archive = new ZipArchive();
    const stored = this.storage.put(key, archive.content);
    stored.catch(() => undefined); // awaited below; a storage failure meanwhile must not go unhandled
    try {
      await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        for (const section of DATA_EXPORT_SECTIONS) {
          const rows = (await manager.query(section.sql, [userId])) as { row: unknown }[];
          archive.addJson(section.file, section.single ? (rows[0]?.row ?? null) : rows.map(({ row }) => row));
        }
        archive.addJson('messages.json', await this.messagesAsSeenBy(manager, userId));
        await this.addFiles(manager, archive, userId);
      });
    } catch (error) {
      archive.abort(error as Error);
      await stored.catch(() => undefined);
      throw error;
    }
    const summary = archive.finish();
    await stored;
    return summary;
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

  private async addFiles(manager: EntityManager, archive: ZipArchive, userId: string): Promise<void> {
    const owner = { id: userId, roles: [] };
    for (const { id, mimeType } of (await manager.query(FILES_OF_USER.identityDocuments, [userId])) as { id: string; mimeType: string }[]) {
      const content = await this.identityDocuments.download(owner, id).then(
        (file) => file.content,
        (error: unknown) => {
          if (error instanceof NotFoundError) return null; // its file already purged
          throw error;
        },
      );
      if (content) archive.addFile(`files/identity-documents/${id}.${EXTENSION_OF_MIME[mimeType] ?? 'bin'}`, content);
    }
    for (const { id } of (await manager.query(FILES_OF_USER.photos, [userId])) as { id: string }[]) {
      const content = await this.photos.file(id, 'full');
      if (content) archive.addFile(`files/photos/${id}.jpg`, content);
    }
    for (const { number, key } of (await manager.query(FILES_OF_USER.invoices, [userId])) as { number: string; key: string }[]) {
      const content = await this.storage.get(key);
      if (content) archive.addFile(`files/invoices/${number}.pdf`, content);
    }
    for (const { id, key } of (await manager.query(FILES_OF_USER.incomeStatements, [userId])) as { id: string; key: string }[]) {
      const content = await this.storage.get(key);
      if (content) archive.addFile(`files/income-statements/${id}.pdf`, content);
    }
  }
}
