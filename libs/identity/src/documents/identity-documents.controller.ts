import { RateLimit } from '@marketplace/accounts';
import { assertUuid, BadUserInputError, CurrentViewer, Viewer } from '@marketplace/common';
import { Controller, Get, HttpCode, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { IdentityDocumentsService, MAX_DOCUMENT_BYTES } from './identity-documents.service';

@Controller('identity/documents')
export class IdentityDocumentsController {
  constructor(private readonly documents: IdentityDocumentsService) {}

  /** multipart/form-data with one field `file`; answers `{ id, mimeType, sizeBytes }`. */
  @RateLimit('documentUpload')
  @Post()
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 0 } }))
  async upload(@CurrentViewer() viewer: Viewer, @UploadedFile() file: Express.Multer.File | undefined) {
    if (!file) throw BadUserInputError.forField('file', 'is required (multipart/form-data field "file")');
    const document = await this.documents.upload(viewer, file.buffer);
    return { id: document.id, mimeType: document.mimeType, sizeBytes: document.sizeBytes };
  }

  @Get(':id')
  async download(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { document, content } = await this.documents.download(viewer, assertUuid(id));
    res
      .status(200)
      .set({
        'Content-Type': document.mimeType,
        'Content-Length': String(content.length),
        'Content-Disposition': `attachment; filename="${document.id}"`,
        'Cache-Control': 'private, no-store',
      })
      .end(content);
  }
}
