// Shared bits of the 中差评 screens: tag colours and how a rate is shown.
import type { ReviewOutcome, ReviewRating } from '../../../../src-main/api/contract-reviews';

export const RATING_COLOR: Record<ReviewRating, string> = { neutral: 'gold', negative: 'red' };
export const OUTCOME_COLOR: Record<ReviewOutcome, string> = {
  pending: 'processing',
  revised: 'success',
  explained: 'blue',
  unchanged: 'default',
};

/** 0.5 → "50%", 1/3 → "33.3%", null → "—". */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}
