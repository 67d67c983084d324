import { AllowAnonymous } from '@marketplace/common';
import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Draining } from './draining';

const DATABASE_CHECK_TIMEOUT_MS = 2000;

@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly draining: Draining,
  ) {}

  /** 200 when the API can reach its database and is not stopping, 503 otherwise: for load balancers and orchestrators. */
  @AllowAnonymous()
  @Get()
  async check(@Res() res: Response): Promise<void> {
    const startedAt = Date.now();
    const database = await this.pingDatabase();
    const healthy = database && !this.draining.isDraining;
    const status = this.draining.isDraining ? 'draining' : database ? 'ok' : 'error';
    const body = { status, database: { status: database ? 'up' : 'down', latencyMs: Date.now() - startedAt } };
    res.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  private async pingDatabase(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DATABASE_CHECK_TIMEOUT_MS)));
    const ping = this.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
