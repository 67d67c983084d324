import { assertUuid, CurrentViewer, Viewer } from '@marketplace/common';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PaymentReceiptsService } from './payment-receipts.service';

/** A payment receipt, for the client of its mission: to anyone else it does not exist. */
@Controller('receipts')
export class ReceiptsController {
  constructor(private readonly receipts: PaymentReceiptsService) {}

  @Get(':id.pdf')
  async pdf(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const content = await this.receipts.download(viewer, assertUuid(id));
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Length': String(content.length),
        'Content-Disposition': `attachment; filename="recu-${id}.pdf"`,
        'Cache-Control': 'private, no-store',
      })
      .end(content);
  }
}
