import { BadUserInputError } from '@marketplace/common';

/** What an uploaded file is, told by its first bytes: never by its name or declared type. */
export type FileMimeType = 'image/jpeg' | 'image/png' | 'application/pdf';

const SIGNATURES: { mimeType: FileMimeType; bytes: number[] }[] = [
  { mimeType: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mimeType: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mimeType: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

export function detectFileType(content: Buffer): FileMimeType | null {
  const match = SIGNATURES.find(({ bytes }) => content.length > bytes.length && bytes.every((byte, i) => content[i] === byte));
  return match?.mimeType ?? null;
}

/** The longest signature and the byte after it: enough of a file's head to tell its type. */
const HEAD_BYTES = Math.max(...SIGNATURES.map(({ bytes }) => bytes.length)) + 1;

/** The types an upload route takes, and how its refusal names them ("a JPEG or PNG image"). */
export interface AcceptedFileTypes {
  mimeTypes: readonly FileMimeType[];
  described: string;
}

/**
 * A file as it streams in, passed through unchanged once its first bytes show it is of an accepted
 * type (refused otherwise, before anything is stored); its type and size are known once read.
 */
export class InspectedFile implements AsyncIterable<Buffer> {
  mimeType: FileMimeType | null = null;
  sizeBytes = 0;

  constructor(
    private readonly file: AsyncIterable<Buffer>,
    private readonly accepted: AcceptedFileTypes,
  ) {}

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
    const mimeType = detectFileType(head);
    if (!mimeType || !this.accepted.mimeTypes.includes(mimeType))
      throw BadUserInputError.forField('file', `must be ${this.accepted.described}`);
    this.mimeType = mimeType;
    return head;
  }
}
