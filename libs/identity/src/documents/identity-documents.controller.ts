import { RateLimit } from '@marketplace/accounts';
import { assertUuid, CurrentViewer, Viewer } from '@marketplace/common';
import { UploadForm } from '@marketplace/storage';
import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { IdentityDocumentsService, MAX_DOCUMENT_BYTES } from './identity-documents.service';

@Controller('identity/documents')
export class IdentityDocumentsController {
  constructor(private readonly documents: IdentityDocumentsService) {}

  /** multipart/form-data with one field `file`; answers `{ id, mimeType, sizeBytes }`. */
  @RateLimit('documentUpload')
  @Post()
  @HttpCode(201)
  async upload(@CurrentViewer() viewer: Viewer, @Req() req: Request) {
    const form = new UploadForm(req, MAX_DOCUMENT_BYTES);
    try {
      const document = await this.documents.upload(viewer, () => form.file());
      return { id: document.id, mimeType: document.mimeType, sizeBytes: document.sizeBytes };
    } finally {
      form.discardRest();
    }
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
