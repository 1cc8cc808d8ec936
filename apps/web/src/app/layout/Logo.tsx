/** The Clockwork mark: a clock face in an indigo tile, with the product name beside it. */
export function Logo() {
  return (
    <span className="flex items-center gap-2.5">
      <svg viewBox="0 0 32 32" className="size-8 shrink-0" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="8" className="fill-indigo-600" />
        <circle cx="16" cy="16" r="9" fill="none" stroke="white" strokeWidth="2.5" />
        <path d="M16 10.5V16l3.5 2.5" fill="none" stroke="white" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className="text-base font-semibold tracking-tight whitespace-nowrap text-slate-900">Clockwork CRM</span>
    </span>
  );
}
