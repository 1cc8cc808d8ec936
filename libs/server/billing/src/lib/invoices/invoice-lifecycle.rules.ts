import { ConflictException } from '@nestjs/common';
import type { InvoiceStatus } from '@clockwork/shared-entities';

/** draft -> issued -> paid | void, and draft -> void; nothing else. */
const NEXT: Record<InvoiceStatus, InvoiceStatus[]> = { draft: ['issued', 'void'], issued: ['paid', 'void'], paid: [], void: [] };

export function canMove(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return NEXT[from].includes(to);
}

/** 409 naming the current state when the invoice cannot move to `to`. */
export function assertTransition(from: InvoiceStatus, to: InvoiceStatus): void {
  if (canMove(from, to)) return;
  const allowed = NEXT[from].length ? `it can only become ${NEXT[from].join(' or ')}` : 'it cannot change any more';
  throw new ConflictException(`The invoice is ${from}; ${allowed} (not ${to})`);
}

/** `INV-2026-0001`: per organization and year of issue, gapless. */
export const invoiceNumber = (year: number, n: number) => `INV-${year}-${String(n).padStart(4, '0')}`;
