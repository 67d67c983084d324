import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** serialization_failure and deadlock_detected: safe to retry the whole unit of work. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 3;

/**
 * Runs a unit of work in one transaction, retried when PostgreSQL asks for it. Everything a
 * state change triggers (jobs included) is written through the given manager, so it commits
 * or rolls back as one.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE_CODES.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.warn({ msg: 'Retrying transaction', code, attempt });
      }
    }
  }
}
