import type { MappingInput, MappingResult } from '@clockwork/server-time-mapping';
import { EntityManager } from 'typeorm';

export type { MappingInput, MappingResult };

/**
 * The mapping engine as ingestion sees it: the module binds TIME_ENTRY_MAPPER to the real one
 * (`TimeEntryMapper` of libs/server/time-mapping). `mapMany` resolves a batch set-based.
 */
export interface TimeEntryMapperPort {
  map(manager: EntityManager, organizationId: string, input: MappingInput): Promise<MappingResult>;
  mapMany?(manager: EntityManager, organizationId: string, inputs: MappingInput[]): Promise<MappingResult[]>;
}

export const TIME_ENTRY_MAPPER = Symbol('TIME_ENTRY_MAPPER');

/** Maps a whole batch with the port's set-based method when it has one. */
export async function mapAll(mapper: TimeEntryMapperPort, manager: EntityManager, organizationId: string, inputs: MappingInput[]): Promise<MappingResult[]> {
  if (inputs.length === 0) return [];
  if (mapper.mapMany) return mapper.mapMany(manager, organizationId, inputs);
  const results: MappingResult[] = [];
  for (const input of inputs) results.push(await mapper.map(manager, organizationId, input));
  return results;
}
