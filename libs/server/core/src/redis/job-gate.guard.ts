import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { jobPayloadProblem, organizationOfJob, QueueName } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { Metrics } from '../metrics/metrics.service';

/** A job the worker would not run: its payload does not fit its queue, or its organization does not exist. */
export class JobRefused extends Error {
  override readonly name = 'JobRefused';
}

/**
 * The worker's door for every Bull job: a processor's `@GatedProcess` methods call `admit` before
 * anything else (job-gate.decorators.ts). A job whose payload fails its queue's schema
 * (libs/shared/jobs) or names an organization that does not exist is failed at once without
 * running (no retries: `discard`), logged without its payload, and counted in
 * `clockwork_jobs_refused_total{queue,reason}`.
 */
@Injectable()
export class JobGate {
  private readonly logger = new Logger('JobGate');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  async admit(queue: QueueName, job: Job): Promise<void> {
    const problem = jobPayloadProblem(queue, job.name, job.data);
    if (problem) return this.refuse(queue, job, 'invalid_payload', problem);
    const organizationId = organizationOfJob(job.data);
    if (organizationId) {
      const [found] = await this.dataSource.query(`SELECT 1 FROM organizations WHERE id = $1`, [organizationId]);
      if (!found) return this.refuse(queue, job, 'unknown_organization', `organizationId ${organizationId} is not an organization`);
    }
  }

  private async refuse(queue: QueueName, job: Job, reason: 'invalid_payload' | 'unknown_organization', message: string): Promise<never> {
    this.metrics.jobsRefused.inc({ queue, reason });
    this.logger.warn(`Refused job ${job.id} (${queue}/${job.name}): ${message}`);
    await job.discard();
    throw new JobRefused(`Refused without running: ${message}`);
  }
}

@Global()
@Module({ providers: [JobGate], exports: [JobGate] })
export class JobGateModule {}
