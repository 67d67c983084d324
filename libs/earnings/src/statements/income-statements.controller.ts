import { assertUuid, CurrentViewer, RequireRoles, Role, Viewer } from '@marketplace/common';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { IncomeStatementsService } from './income-statements.service';

/** An income statement's PDF, for its provider: to anyone else it does not exist. */
@Controller('income-statements')
export class IncomeStatementsController {
  constructor(private readonly statements: IncomeStatementsService) {}

  @RequireRoles(Role.PROVIDER)
  @Get(':id.pdf')
  async pdf(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { statement, content } = await this.statements.download(viewer, assertUuid(id));
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Length': String(content.length),
        'Content-Disposition': `attachment; filename="attestation-revenus-${statement.periodFrom}-${statement.periodTo}.pdf"`,
        'Cache-Control': 'private, no-store',
      })
      .end(content);
  }
}
