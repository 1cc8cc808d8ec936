import { Module } from '@nestjs/common';
import { DealMatcher } from './deal-matcher.service';
import { DealMatcherRepository } from './deal-matcher.repository';
import { RuleLookupRepository } from './rule-lookup.repository';
import { RuleMatcher } from './rule-matcher.service';

/**
 * Matching time entries to the organization's users, tasks, deals and accounts (no routes, no
 * tables of its own): the DealMatcher with its manager-defined rule step. Imported by the api's
 * TimeEntriesModule and the worker's TimeEntriesWorkerModule.
 */
@Module({
  providers: [DealMatcher, DealMatcherRepository, RuleMatcher, RuleLookupRepository],
  exports: [DealMatcher, RuleLookupRepository],
})
export class DealMatcherModule {}
