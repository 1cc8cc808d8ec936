import { Injectable } from '@nestjs/common';
import { BUILTIN_TIMELINE_SOURCES } from './sources/builtin.source';
import type { TimelineSource } from './timeline-source.types';

/**
 * The kinds of item timelines are made of. The extension point for other modules: one
 * registers its source at init (`constructor(sources: TimelineSources) { sources.register(x) }`)
 * and adds its type to TIMELINE_ITEM_TYPES in the DTO.
 */
@Injectable()
export class TimelineSources {
  private readonly sources: TimelineSource[] = [...BUILTIN_TIMELINE_SOURCES];

  register(source: TimelineSource): void {
    if (!this.sources.includes(source)) this.sources.push(source);
  }

  all(): readonly TimelineSource[] {
    return this.sources;
  }
}
