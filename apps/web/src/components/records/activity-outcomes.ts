/** The outcomes of each type of activity, as the API accepts them (docs/api-contract.md "Activities"). */
export const ACTIVITY_OUTCOMES = {
  call: ['connected', 'no_answer', 'left_voicemail', 'busy', 'wrong_number'],
  meeting: ['held', 'cancelled', 'rescheduled', 'no_show'],
} as const;
export type ActivityKind = keyof typeof ACTIVITY_OUTCOMES;
