import type { TimesheetDto } from '@clockwork/api-client';
import type { Tone } from '../../components/Badge';

/** Seconds as hours with two decimals ("1.50"); a blank cell for nothing. */
export const hours = (seconds: number): string => (seconds / 3600).toFixed(2);

export const statusTone: Record<TimesheetDto['status'], Tone> = { open: 'neutral', submitted: 'info', approved: 'success', rejected: 'danger' };
export const statusLabel: Record<TimesheetDto['status'], string> = { open: 'Open', submitted: 'Submitted', approved: 'Approved', rejected: 'Rejected' };

const DAY_MS = 86_400_000;
const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** A UTC day moved by `days`. */
export const shiftDay = (day: string, days: number): string => new Date(utc(day).getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** "Mon 30" for a grid column. */
export const dayLabel = (day: string): string => utc(day).toLocaleDateString('en-US', { weekday: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Nov 30 – Dec 6, 2026": a period's first and last day (its end is excluded). */
export function periodLabel(start: string, end: string): string {
  const format = (day: string) => utc(day).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  return `${format(start)} – ${format(shiftDay(end, -1))}`;
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
