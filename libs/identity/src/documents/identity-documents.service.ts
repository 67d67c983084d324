import { isModerator, NotFoundError, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig, requiredDocumentEncryptionKey } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { AcceptedFileTypes, decryptFile, encryptFile, FileStorage, InspectedFile } from '@marketplace/storage';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, Repository } from 'typeorm';
import { DocumentUploadQuota } from './document-upload-quota';
import { IdentityDocument } from './identity-document.entity';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const DOCUMENT_TYPES: AcceptedFileTypes = {
  mimeTypes: ['image/jpeg', 'image/png', 'application/pdf'],
  described: 'a JPEG, PNG or PDF file',
};

/** Where a document's encrypted file is: known from its upload's record, so an upload cut short can be found again. */
export function documentStorageKey(ownerId: string, documentId: string): string {
  return `identity-documents/${ownerId}/${documentId}`;
}

export interface DocumentFile {
  document: IdentityDocument;
  content: Buffer;
}

/** Identity documents: accepted by content, encrypted at rest, shown to their owner and moderators only. */
@Injectable()
export class IdentityDocumentsService {
  constructor(
    @InjectRepository(IdentityDocument) private readonly documents: Repository<IdentityDocument>,
    private readonly storage: FileStorage,
    @InjectConfig() private readonly config: AppConfig,
    private readonly quota: DocumentUploadQuota,
    private readonly transactions: Transactions,
  ) {}

  /**
   * The quota is checked before `openFile` reads the body; the file then streams through the
   * type check and the cipher into storage, never held whole. A refusal on the way stores nothing.
   */
  async upload(owner: Viewer, openFile: () => Promise<AsyncIterable<Buffer>>): Promise<IdentityDocument> {
    const id = await this.quota.admit(owner.id);
    const storageKey = documentStorageKey(owner.id, id);
    try {
      const file = new InspectedFile(await openFile(), DOCUMENT_TYPES);
      // The file is stored first: a crash in between leaves an orphan file, never a row without its file.
      await this.storage.put(storageKey, encryptFile(file, requiredDocumentEncryptionKey(this.config), id));
      return await this.transactions.run(async (manager) => {
        await this.quota.finish(id, manager);
        const document = this.documents.create({ id, ownerId: owner.id, mimeType: file.mimeType!, sizeBytes: file.sizeBytes, storageKey });
        return manager.save(document);
      });
    } catch (error) {
      await this.storage.delete(storageKey);
      await this.quota.abandon(id);
      throw error;
    }
  }

  /** The owner and moderators get the file; for anyone else it does not exist. */
  async download(viewer: Viewer, id: string): Promise<DocumentFile> {
    const document = await this.documents.findOneBy({ id });
    if (!document || (document.ownerId !== viewer.id && !isModerator(viewer))) throw new NotFoundError('Document');
    const stored = await this.storage.get(document.storageKey);
    if (!stored) throw new NotFoundError('Document');
    return { document, content: decryptFile(stored, requiredDocumentEncryptionKey(this.config), document.id) };
  }

  /**
   * Documents uploaded but never submitted have no decision to wait for: they go once uploaded
   * before `uploadedBefore` (the retention rule's cutoff). So do the files of uploads cut short
   * (a crash between storing the file and writing its row), found from the quota's records before
   * it forgets them. Storage first, so a failure leaves rows to retry with.
   */
  async purgeUnsubmitted(uploadedBefore: Date): Promise<{ documents: number; uploadsCutShort: number }> {
    const stale = await this.documents.findBy({ verificationId: IsNull(), createdAt: LessThan(uploadedBefore) });
    for (const document of stale) {
      await this.storage.delete(document.storageKey);
      await this.documents.delete({ id: document.id, verificationId: IsNull() });
    }
    const cutShort = await this.quota.oldUploadsWithoutDocument();
    for (const upload of cutShort) await this.storage.delete(documentStorageKey(upload.ownerId, upload.id));
    await this.quota.forgetOld();
    return { documents: stale.length, uploadsCutShort: cutShort.length };
  }
}
