import { Injectable } from '@nestjs/common';
import { DatabaseStatus } from './database-status';

export interface ReadinessReport {
  ready: boolean;
  database: { status: 'up' | 'down'; latencyMs: number };
  /** `pending` names the migrations this build expects and the database lacks: `npm run cli -- migrate` applies them. */
  migrations: { status: 'applied' | 'pending' | 'unknown'; pending?: string[] };
}

/** Ready = the database answers and holds every migration this build knows; each process adds its own conditions (draining, the job runner). */
@Injectable()
export class Readiness {
  constructor(private readonly database: DatabaseStatus) {}

  async check(): Promise<ReadinessReport> {
    const startedAt = Date.now();
    const reachable = await this.database.reachable();
    const database = { status: reachable ? ('up' as const) : ('down' as const), latencyMs: Date.now() - startedAt };
    if (!reachable) return { ready: false, database, migrations: { status: 'unknown' } };
    const pending = await this.database.pendingMigrations();
    if (!pending) return { ready: false, database, migrations: { status: 'unknown' } };
    if (pending.length > 0) return { ready: false, database, migrations: { status: 'pending', pending } };
    return { ready: true, database, migrations: { status: 'applied' } };
  }
}
