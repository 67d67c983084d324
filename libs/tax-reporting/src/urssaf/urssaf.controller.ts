import { CurrentViewer, RequireRoles, Role, Viewer } from '@marketplace/common';
import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { urssafCsv, UrssafDeclarationsService } from './urssaf-declarations.service';

/** The provider's URSSAF declaration figures as a CSV, by bearer token like the invoice downloads. */
@Controller('providers/me')
export class UrssafController {
  constructor(private readonly declarations: UrssafDeclarationsService) {}

  @RequireRoles(Role.PROVIDER)
  @Get('urssaf.csv')
  async csv(@CurrentViewer() viewer: Viewer, @Query('period') period: unknown, @Res() res: Response): Promise<void> {
    const declaration = await this.declarations.declarationOf(viewer, typeof period === 'string' ? period : '');
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="urssaf-${declaration.label}.csv"`,
        'Cache-Control': 'private, no-store',
      })
      .end(urssafCsv(declaration));
  }
}
