import { AllowAnonymous } from '@marketplace/common';
import { DatabaseStatus, Readiness } from '@marketplace/observability';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Draining } from './draining';

/**
 * Health as load balancers and orchestrators ask it: `/health/live` (the process answers: restart
 * it if not), `/health/ready` (send it traffic: database reachable, every migration of this build
 * applied, not draining), and `/health`, the original combined check (database and draining).
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: DatabaseStatus,
    private readonly readiness: Readiness,
    private readonly draining: Draining,
  ) {}

  /** 200 when the API can reach its database and is not stopping, 503 otherwise. */
  @AllowAnonymous()
  @Get()
  async check(@Res() res: Response): Promise<void> {
    const startedAt = Date.now();
    const database = await this.database.reachable();
    const healthy = database && !this.draining.isDraining;
    const status = this.draining.isDraining ? 'draining' : database ? 'ok' : 'error';
    const body = { status, database: { status: database ? 'up' : 'down', latencyMs: Date.now() - startedAt } };
    res.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  /** 200 while the process answers, draining or not: only a hung process should be restarted. */
  @AllowAnonymous()
  @Get('live')
  live(@Res() res: Response): void {
    res.status(HttpStatus.OK).json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  }

  /** 200 when the database answers, holds every migration of this build, and the API is not draining; 503 with the reason otherwise. */
  @AllowAnonymous()
  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const report = await this.readiness.check();
    const draining = this.draining.isDraining;
    const ready = report.ready && !draining;
    const status = draining ? 'draining' : ready ? 'ready' : 'not_ready';
    res
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status, database: report.database, migrations: report.migrations });
  }
}
