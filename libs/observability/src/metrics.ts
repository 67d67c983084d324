import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { BoundedLabels } from './bounded-labels';
import { OperationalCounts } from './operational-counts';

/** Seconds; from a cached lookup (about 1 ms) to a slow mutation calling Stripe. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Distinct GraphQL operation names (and outcomes, and webhook types) kept per process before the rest count as (other). */
const OPERATION_NAMES = 100;
const OUTCOMES = 20;
const WEBHOOK_TYPES = 50;

export interface HttpObservation {
  method: string;
  /** A route pattern or a fixed prefix, never a raw path (ids would explode the series). */
  route: string;
  status: number;
  seconds: number;
}

export interface GraphQLObservation {
  /** The operation's name in the parsed document, if it has one. */
  operationName?: string;
  /** Absent when the document could not be parsed or validated into an operation. */
  type?: string;
  /** `ok`, or the first error's `extensions.code`. */
  outcome: string;
  seconds: number;
}

export interface WebhookObservation {
  endpoint: string;
  type: string;
  result: 'processed' | 'duplicate' | 'invalid';
}

/**
 * The process's Prometheus metrics (prom-client, a registry of its own per application). Request
 * metrics are counted in memory as requests end; the database-derived ones (pool, job queue,
 * payouts) are read when scraped, with one statement.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly operations = new BoundedLabels(OPERATION_NAMES);
  private readonly outcomes = new BoundedLabels(OUTCOMES);
  private readonly webhookTypes = new BoundedLabels(WEBHOOK_TYPES);

  private readonly httpRequests = new Counter({
    name: 'marketplace_http_requests_total',
    help: 'HTTP requests answered, by method, route and status class',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'marketplace_http_request_duration_seconds',
    help: 'HTTP request latency until the response was sent, by method, route and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly graphqlOperations = new Counter({
    name: 'marketplace_graphql_operations_total',
    help: 'GraphQL operations over HTTP, by operation name (from the parsed document), type and outcome (ok or the error code)',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly graphqlDuration = new Histogram({
    name: 'marketplace_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency over HTTP, by operation name, type and outcome',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly webhookEvents = new Counter({
    name: 'marketplace_webhook_events_total',
    help: 'Stripe webhook events received, by endpoint, event type and result (processed, duplicate, invalid)',
    labelNames: ['endpoint', 'type', 'result'] as const,
    registers: [this.registry],
  });
  private readonly poolConnections = new Gauge({
    name: 'marketplace_db_pool_connections',
    help: "This process's database pool: connections in use, idle, and requests waiting for one",
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  private readonly jobQueue = new Gauge({
    name: 'marketplace_job_queue_jobs',
    help: 'Jobs in the queue by job name and state (waiting: not given up; due: waiting and runnable now; retrying: failed with attempts left; failed: every attempt failed)',
    labelNames: ['job', 'state'] as const,
    registers: [this.registry],
  });
  private readonly jobQueueOldestDue = new Gauge({
    name: 'marketplace_job_queue_oldest_due_seconds',
    help: 'Age of the oldest job due and not yet taken, by job name',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });
  private readonly payouts = new Gauge({
    name: 'marketplace_payouts',
    help: 'Payouts waiting for their transfer (PENDING) or given up until a retry (FAILED)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly scrapeErrors = new Counter({
    name: 'marketplace_metrics_database_read_errors_total',
    help: 'Scrapes whose database-derived metrics could not be read (they keep their previous values)',
    registers: [this.registry],
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counts: OperationalCounts,
  ) {
    collectDefaultMetrics({ register: this.registry });
  }

  observeHttp({ method, route, status, seconds }: HttpObservation): void {
    const labels = { method, route, status: `${Math.floor(status / 100)}xx` };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  observeGraphQL({ operationName, type, outcome, seconds }: GraphQLObservation): void {
    const operation = !type ? '(unparsed)' : operationName === undefined ? '(anonymous)' : this.operations.of(operationName);
    const labels = { operation, type: type ?? 'unknown', outcome: this.outcomes.of(outcome) };
    this.graphqlOperations.inc(labels);
    this.graphqlDuration.observe(labels, seconds);
  }

  observeWebhook({ endpoint, type, result }: WebhookObservation): void {
    this.webhookEvents.inc({ endpoint, type: this.webhookTypes.of(type), result });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The metrics in Prometheus text format, the database-derived ones read now. */
  async render(): Promise<string> {
    this.readPool();
    await this.readDatabaseCounts();
    return this.registry.metrics();
  }

  private readPool(): void {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool | undefined;
    if (!pool) return;
    this.poolConnections.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
    this.poolConnections.set({ state: 'idle' }, pool.idleCount);
    this.poolConnections.set({ state: 'waiting' }, pool.waitingCount);
  }

  private async readDatabaseCounts(): Promise<void> {
    try {
      const { jobs, payouts } = await this.counts.read();
      // A job that left the queue must not keep its last value: the series restart from what is there.
      this.jobQueue.reset();
      this.jobQueueOldestDue.reset();
      for (const { job, waiting, due, retrying, failed, oldestDueSeconds } of jobs) {
        this.jobQueue.set({ job, state: 'waiting' }, waiting);
        this.jobQueue.set({ job, state: 'due' }, due);
        this.jobQueue.set({ job, state: 'retrying' }, retrying);
        this.jobQueue.set({ job, state: 'failed' }, failed);
        this.jobQueueOldestDue.set({ job }, oldestDueSeconds);
      }
      this.payouts.set({ status: 'PENDING' }, payouts.pending);
      this.payouts.set({ status: 'FAILED' }, payouts.failed);
    } catch (error) {
      this.scrapeErrors.inc();
      this.logger.warn({ msg: 'Could not read the database-derived metrics', error: (error as Error).message });
    }
  }
}
