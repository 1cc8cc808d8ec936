import { Injectable, Logger } from '@nestjs/common';

/** Deletes what has expired in one table (or a few of one domain); resolves with the rows deleted. */
export type Cleanup = () => Promise<number>;

/**
 * The platform's list of clean-ups: each domain registers the deletes of the tables it owns (at
 * module init, from its worker module), and the one housekeeping job runs them all, in the order
 * registered, and returns how many rows each deleted.
 */
@Injectable()
export class HousekeepingRegistry {
  private readonly logger = new Logger('Housekeeping');
  private readonly cleanups = new Map<string, Cleanup>();

  /** Adds the clean-up `name` (the key of its count in the job's result); a name is registered once. */
  register(name: string, cleanup: Cleanup): void {
    if (this.cleanups.has(name)) throw new Error(`Housekeeping clean-up "${name}" is registered twice`);
    this.cleanups.set(name, cleanup);
  }

  /** The registered clean-ups' names, in the order they run. */
  names(): string[] {
    return [...this.cleanups.keys()];
  }

  /** Runs every clean-up, one after the other; rows deleted by name (a failing clean-up fails the run). */
  async runAll(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const [name, cleanup] of this.cleanups) {
      counts[name] = await cleanup();
      if (counts[name] > 0) this.logger.log(`Housekeeping: ${counts[name]} ${name.replace(/_/g, ' ')} deleted`);
    }
    return counts;
  }
}
