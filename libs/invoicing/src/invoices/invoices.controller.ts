import { assertUuid, CurrentViewer, Viewer } from '@marketplace/common';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { INVOICE_CONTENT_TYPES, InvoiceDocumentsService, InvoiceFormat } from './invoice-documents.service';

/** An invoice's documents, for the provider and the client of its mission: to anyone else they do not exist. */
@Controller('invoices')
export class InvoicesController {
  constructor(private readonly documents: InvoiceDocumentsService) {}

  /** The Factur-X PDF (PDF/A-3, its XML embedded). */
  @Get(':id.pdf')
  pdf(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Res() res: Response): Promise<void> {
    return this.send(viewer, id, 'pdf', res);
  }

  /** The CII XML alone, as embedded in the PDF. */
  @Get(':id.xml')
  xml(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Res() res: Response): Promise<void> {
    return this.send(viewer, id, 'xml', res);
  }

  private async send(viewer: Viewer, id: string, format: InvoiceFormat, res: Response): Promise<void> {
    const { invoice, content } = await this.documents.download(viewer, assertUuid(id), format);
    res
      .status(200)
      .set({
        'Content-Type': INVOICE_CONTENT_TYPES[format],
        'Content-Length': String(content.length),
        'Content-Disposition': `attachment; filename="${invoice.number}.${format}"`,
        'Cache-Control': 'private, no-store',
      })
      .end(content);
  }
}
