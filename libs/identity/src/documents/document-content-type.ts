import { BadUserInputError } from '@marketplace/common';

/** What an uploaded identity document is, told by its first bytes: never by its name or declared type. */
export type DocumentMimeType = 'image/jpeg' | 'image/png' | 'application/pdf';

const SIGNATURES: { mimeType: DocumentMimeType; bytes: number[] }[] = [
  { mimeType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mimeType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mimeType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

export function detectDocumentType(content: Buffer): DocumentMimeType | null {
  const match = SIGNATURES.find(({ bytes }) => content.length > bytes.length && bytes.every((byte, i) => content[i] === byte));
  return match?.mimeType ?? null;
}

/** The longest signature and the byte after it: enough of a file's head to tell its type. */
const HEAD_BYTES = Math.max(...SIGNATURES.map(({ bytes }) => bytes.length)) + 1;

/**
 * A file as it streams in, passed through unchanged once its first bytes show it is a JPEG, PNG
 * or PDF (refused otherwise, before anything is stored); its type and size are known once read.
 */
export class InspectedDocument implements AsyncIterable<Buffer> {
  mimeType: DocumentMimeType | null = null;
  sizeBytes = 0;

  constructor(private readonly file: AsyncIterable<Buffer>) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    let head = Buffer.alloc(0);
    for await (const chunk of this.file) {
      this.sizeBytes += chunk.length;
      if (this.mimeType) {
        yield chunk;
        continue;
      }
      head = Buffer.concat([head, chunk]);
      if (head.length >= HEAD_BYTES) yield this.recognise(head);
    }
    if (!this.mimeType) yield this.recognise(head);
  }

  private recognise(head: Buffer): Buffer {
    if (head.length === 0) throw BadUserInputError.forField('file', 'is empty');
    this.mimeType = detectDocumentType(head);
    if (!this.mimeType) throw BadUserInputError.forField('file', 'must be a JPEG, PNG or PDF file');
    return head;
  }
}
