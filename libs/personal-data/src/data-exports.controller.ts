import { assertUuid, CurrentViewer, Viewer } from '@marketplace/common';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataExportsService } from './export/data-exports.service';

/** A data export's archive, for its owner: to anyone else it does not exist. */
@Controller('exports')
export class DataExportsController {
  constructor(private readonly exports: DataExportsService) {}

  @Get(':id')
  async archive(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { dataExport, content } = await this.exports.download(viewer, assertUuid(id));
    res
      .status(200)
      .set({
        'Content-Type': 'application/zip',
        'Content-Length': String(content.length),
        'Content-Disposition': `attachment; filename="data-export-${dataExport.requestedAt.toISOString().slice(0, 10)}.zip"`,
        'Cache-Control': 'private, no-store',
      })
      .end(content);
  }
}
