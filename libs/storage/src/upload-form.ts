import { BadUserInputError } from '@marketplace/common';
import { HttpException, PayloadTooLargeException } from '@nestjs/common';
import busboy, { Busboy } from 'busboy';
import type { Request } from 'express';
import { Readable } from 'node:stream';

const fileRequired = () => BadUserInputError.forField('file', 'is required (multipart/form-data field "file")');

/**
 * The `file` field of a multipart/form-data upload. The body is read only once the file is asked
 * for, then streamed: a file over `maxBytes` fails with 413 as it passes the limit.
 */
export class UploadForm {
  private form?: Busboy;

  constructor(
    private readonly req: Request,
    private readonly maxBytes: number,
  ) {}

  /** Starts reading the body; the file's bytes come as they arrive. */
  async file(): Promise<AsyncIterable<Buffer>> {
    return receivedWhole(await this.fileStream());
  }

  /** Whatever of the body is left is read and dropped, so that the answer reaches the client. */
  discardRest(): void {
    if (!this.form) return; // never read: Node drops an unread body itself
    this.req.unpipe(this.form);
    this.req.resume();
  }

  private fileStream(): Promise<Readable> {
    return new Promise((resolve, reject) => {
      let form: Busboy;
      try {
        form = busboy({ headers: this.req.headers, limits: { fileSize: this.maxBytes + 1, files: 1, fields: 0 } });
      } catch {
        return reject(fileRequired());
      }
      this.form = form;
      form.on('file', (name, file) => {
        if (name !== 'file') {
          file.resume();
          return reject(fileRequired());
        }
        file.on('limit', () => file.destroy(new PayloadTooLargeException(`file: is larger than ${this.maxBytes / 1024 / 1024} MB`)));
        resolve(file);
      });
      form.on('close', () => reject(fileRequired()));
      form.on('error', () => reject(fileRequired()));
      this.req.once('close', () => {
        if (!this.req.complete) form.destroy(new Error('The client stopped sending.'));
      });
      this.req.pipe(form);
    });
  }
}

/** A body cut short or malformed is the client's doing: a 400, not a 500. */
async function* receivedWhole(file: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of file) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof HttpException) throw error;
    throw BadUserInputError.forField('file', 'was not received whole');
  }
}
