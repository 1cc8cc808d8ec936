import { Process, type ProcessOptions } from '@nestjs/bull';
import { Inject } from '@nestjs/common';
import { PROPERTY_DEPS_METADATA } from '@nestjs/common/constants';
import type { QueueName } from '@clockwork/shared-jobs';
import type { Job } from 'bull';
import { JobGate } from './job-gate.guard';

/** The property a gated processor's JobGate is injected into. */
const GATE = Symbol('JobGate');

type Gated = { [GATE]: JobGate };

/**
 * `@Process(options)` of a Bull processor whose jobs pass the JobGate before the method runs: a
 * job whose payload does not fit `queue`'s schema, or whose organization does not exist, is
 * refused (failed without running, logged, counted) and the method never sees it. The gate is
 * injected into the processor by Nest; its constructor does not name it.
 */
export function GatedProcess(queue: QueueName, options: ProcessOptions = {}) {
  return (target: object, key: string | symbol, descriptor: PropertyDescriptor): void => {
    const injected: { key: string | symbol }[] = Reflect.getMetadata(PROPERTY_DEPS_METADATA, target.constructor) ?? [];
    if (!injected.some((p) => p.key === GATE)) Inject(JobGate)(target, GATE);
    const run = descriptor.value as (this: Gated, job: Job) => Promise<unknown>;
    descriptor.value = async function (this: Gated, job: Job) {
      await this[GATE].admit(queue, job);
      return run.call(this, job);
    };
    Process(options)(target, key, descriptor);
  };
}
