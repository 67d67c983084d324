import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';

/** What was written, once the archive is complete. */
export interface ArchiveSummary {
  sizeBytes: number;
  sha256: string;
}

/**
 * A zip archive written as its entries are added (fflate's streaming Zip): `content` yields the
 * bytes as they are made, for FileStorage.put to store while the next entry is read, so the
 * archive is never held whole in memory. JSON is deflated; files that are compressed already
 * (JPEG, PDF) are stored as they are.
 */
export class ZipArchive {
  /** The archive's bytes, to hand to FileStorage.put before the first entry is added. */
  readonly content = new PassThrough();
  private readonly hash = createHash('sha256');
  private sizeBytes = 0;
  private readonly zip = new Zip((error, chunk, final) => {
    if (error) return this.content.destroy(error);
    if (this.content.destroyed) return;
    this.hash.update(chunk);
    this.sizeBytes += chunk.length;
    this.content.write(chunk);
    if (final) this.content.end();
  });

  addJson(name: string, value: unknown): void {
    this.add(new ZipDeflate(name, { level: 6 }), Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'));
  }

  addFile(name: string, bytes: Buffer): void {
    this.add(new ZipPassThrough(name), bytes);
  }

  /** No more entries: the central directory is written and `content` ends. */
  finish(): ArchiveSummary {
    this.zip.end();
    return { sizeBytes: this.sizeBytes, sha256: this.hash.digest('hex') };
  }

  /** Stops the archive (storage then keeps nothing under its key). */
  abort(error: Error): void {
    this.zip.terminate();
    this.content.destroy(error);
  }

  private add(entry: ZipDeflate | ZipPassThrough, bytes: Buffer): void {
    this.zip.add(entry);
    entry.push(bytes, true);
  }
}
