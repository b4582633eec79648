export interface SplitShare {
  readonly key: string;
  /** Any non-negative weight: basis points, a score, a count. Only the ratios matter. */
  readonly weight: bigint;
}

export interface SplitPart {
  readonly key: string;
  readonly weight: bigint;
  readonly amountFen: bigint;
}

/**
 * Splits a whole amount by the largest-remainder method (domain.md "Splits"): everyone gets the floor of their
 * exact share total × weight / Σ weights; the fen left over go one each to the largest fractional parts, ties to
 * the larger weight, then to the earlier in the list. The parts come back in the input order, always sum to the
 * total and are never negative; a zero weight gets nothing.
 */
export function splitLargestRemainder(totalFen: bigint, shares: readonly SplitShare[]): SplitPart[] {
  if (totalFen < 0n) throw new RangeError(`cannot split a negative amount (got ${totalFen} fen)`);
  for (const share of shares) {
    if (share.weight < 0n) throw new RangeError(`the weight of ${share.key} cannot be negative (got ${share.weight})`);
  }
  const weightSum = shares.reduce((sum, share) => sum + share.weight, 0n);
  if (weightSum === 0n) {
    if (totalFen === 0n) return shares.map((share) => ({ key: share.key, weight: share.weight, amountFen: 0n }));
    throw new RangeError(`cannot split ${totalFen} fen: nobody has a positive weight`);
  }

  const exact = shares.map((share, index) => {
    const product = totalFen * share.weight;
    return { index, share, floor: product / weightSum, remainder: product % weightSum };
  });
  const leftover = totalFen - exact.reduce((sum, part) => sum + part.floor, 0n);
  // Σ remainder = leftover × Σ weight and each remainder < Σ weight, so at least `leftover` parts have a positive
  // remainder: the extra fen never go to a zero weight and no part gets more than one.
  const order = [...exact].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    if (a.share.weight !== b.share.weight) return a.share.weight > b.share.weight ? -1 : 1;
    return a.index - b.index;
  });
  const extra = new Set(order.slice(0, Number(leftover)).map((part) => part.index));
  return exact.map((part) => ({
    key: part.share.key,
    weight: part.share.weight,
    amountFen: part.floor + (extra.has(part.index) ? 1n : 0n),
  }));
}
