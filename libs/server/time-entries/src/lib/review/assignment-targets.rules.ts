import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RuleLookupRepository } from '../matching/rule-lookup.repository';

/** Where time goes: what a manager names (deal and/or task) and what an entry then records. */
export interface AssignmentTarget {
  deal_id: string | null;
  task_id: string | null;
  /** The deal's account. */
  account_id: string | null;
}

export const fieldError = (field: string, message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field, errors: [message] }] });
export const unprocessable = (field: string, message: string) => new UnprocessableEntityException({ message, details: [{ field, errors: [message] }] });
export const notOfOrganization = (field: string) => unprocessable(field, `${field} does not refer to a record of this organization`);

/**
 * Checks a deal_id/task_id pair named by a manager (an assignment, a rule's target): both of the
 * organization (422 naming the field otherwise), the task of the deal when both are given; the
 * deal defaults to the task's.
 */
@Injectable()
export class AssignmentTargets {
  constructor(private readonly lookup: RuleLookupRepository) {}

  async resolve(m: EntityManager, organizationId: string, given: { deal_id?: string | null; task_id?: string | null }): Promise<AssignmentTarget> {
    if (!given.deal_id && !given.task_id) throw fieldError('deal_id', 'deal_id or task_id is required');
    const task = given.task_id ? await this.lookup.task(m, organizationId, given.task_id) : null;
    if (given.task_id && !task) throw notOfOrganization('task_id');
    const deal = given.deal_id ? await this.lookup.deal(m, organizationId, given.deal_id) : null;
    if (given.deal_id && !deal) throw notOfOrganization('deal_id');
    if (task?.deal_id && deal && task.deal_id !== deal.id) throw unprocessable('task_id', 'task_id belongs to another deal than deal_id');
    const dealOfWork = deal ?? (task?.deal_id ? await this.lookup.deal(m, organizationId, task.deal_id) : null);
    return { deal_id: dealOfWork?.id ?? null, task_id: task?.id ?? null, account_id: dealOfWork?.account_id ?? null };
  }

  async assertUser(m: EntityManager, organizationId: string, userId: string): Promise<void> {
    if (!(await this.lookup.userExists(m, organizationId, userId))) throw notOfOrganization('user_id');
  }
}
