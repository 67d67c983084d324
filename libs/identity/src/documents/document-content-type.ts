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
