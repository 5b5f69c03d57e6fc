// Suggestions for using the space well (§9.3 "保证仓库最大化的使用率"): bins over capacity should
// hand stock to empty bins; bins that hold a little stock in a lot of space can be merged.
import type { Bin } from '../../../../src-main/api/contract';

/** A bin with a capacity filled below this share is under-used. */
export const UNDERUSED_BELOW = 0.2;

export interface BinAdvice {
  over: Bin[];
  underused: Bin[];
  empty: Bin[];
}

/** Only active, normal bins count: the defects bin (次品区) is not storage to optimise. */
export function binAdvice(bins: readonly Bin[]): BinAdvice {
  const active = bins.filter((b) => !b.retired && b.kind === 'normal');
  return {
    over: active.filter((b) => b.fillRatio !== null && b.fillRatio > 1),
    underused: active.filter((b) => b.fillRatio !== null && b.onHand > 0 && b.fillRatio < UNDERUSED_BELOW),
    empty: active.filter((b) => b.onHand === 0),
  };
}
