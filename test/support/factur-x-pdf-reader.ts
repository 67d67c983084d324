/**
 * What a Factur-X PDF holds, read as a client's software would: its text, its attached files and
 * its XMP metadata (pdf.js, through pdf-parse). pdf.js loads its worker with a dynamic import,
 * which Jest's module system refuses: it runs in a plain Node child process.
 */
import { execFile } from 'node:child_process';

export interface ReadPdf {
  text: string;
  attachments: Record<string, string>;
  metadata: string;
}

const READER = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const { text } = await parser.getText();
  const document = await parser.load();
  const attachments = {};
  for (const file of Object.values((await document.getAttachments()) ?? {})) attachments[file.filename] = Buffer.from(file.content).toString('utf8');
  const { metadata } = await document.getMetadata();
  process.stdout.write(JSON.stringify({ text, attachments, metadata: metadata ? metadata.getRaw() : '' }));
  await parser.destroy();
});`;

export function readPdf(bytes: Buffer): Promise<ReadPdf> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', READER], { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as ReadPdf),
    );
    child.stdin!.end(bytes);
  });
}
