/**
 * 绩效考核 (domain.md "Performance"): Score = Σ weight × min(actual / target, 1.5); rank by score with equal
 * scores sharing a rank (1-2-2-4); the bottom max(1, floor(n × bottomPercent / 100)) are flagged 末位, and
 * everyone tied with the last flagged one too. Pure functions, exact arithmetic: scores are kept as integers in
 * hundredths of a point (score × 100, rounded half up once), so ties are exact and nothing floats.
 */
import { divRoundHalfUp } from '../money.ts';
import { splitLargestRemainder } from '../rewards/split.ts';

export const performanceMetrics = [
  'new_leads', // 新增线索
  'visits', // 拜访与考察 (visits out + inspection visits in)
  'signed_projects', // 签约项目 (by credit share)
  'signed_investment', // 签约合同投资额 (by credit share, fen)
  'construction_investment', // 开工项目投资额 (by credit share, fen)
  'in_production', // 投产项目 (by credit share)
  'clocks_on_time', // 按时完成的线索时限 (响应、研判、反馈、跟进汇报 met before their deadline, issue 13)
] as const;
export type PerformanceMetric = (typeof performanceMetrics)[number];

/**
 * Actual values are exact rationals in "milli-units": counts by credit share are shares in bp summed (1 project
 * at 3333 bp = 3333), so every actual is an integer scaled by `scale` (10000 for shares, 1 for plain counts/fen).
 */
export type MetricValue = { value: bigint; scale: bigint };

/** Score in hundredths: Σ weight × min(actual/target, 1.5) × 100, rounded half up once. */
export function scoreHundredths(metrics: { weight: number; target: number; actual: MetricValue }[]): number {
  // Common denominator: Π over metrics would explode; sum exact fractions with a running rational instead.
  let num = 0n;
  let den = 1n;
  for (const m of metrics) {
    if (m.weight <= 0) continue;
    // ratio = actual / (target × scale), capped at 1.5; a zero target counts as met in full when anything was done.
    const target = BigInt(Math.max(0, Math.round(m.target)));
    let rNum: bigint;
    let rDen: bigint;
    if (target === 0n) {
      rNum = m.actual.value > 0n ? 1n : 0n;
      rDen = 1n;
    } else {
      rNum = m.actual.value;
      rDen = target * m.actual.scale;
    }
    // cap at 1.5 = 3/2
    if (rNum * 2n > rDen * 3n) {
      rNum = 3n;
      rDen = 2n;
    }
    const termNum = BigInt(m.weight) * rNum;
    num = num * rDen + termNum * den;
    den = den * rDen;
    const g = gcd(num, den);
    num /= g;
    den /= g;
  }
  return Number(divRoundHalfUp(num * 100n, den));
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
}

export type Ranked<T> = T & { score: number; rank: number; bottom: boolean };

/** Standard competition ranking (1-2-2-4) and the bottom flag with ties. Input order breaks no ties. */
export function rankWithBottom<T extends { score: number }>(rows: T[], bottomPercent: number): Ranked<T>[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  const n = sorted.length;
  const ranked = sorted.map((row) => ({ ...row, rank: 0, bottom: false }));
  for (let i = 0; i < n; i++) {
    const current = ranked[i];
    const previous = ranked[i - 1];
    if (!current) continue;
    current.rank = previous && previous.score === current.score ? previous.rank : i + 1;
  }
  if (n === 0) return ranked;
  const k = Math.min(n, Math.max(1, Math.floor((n * bottomPercent) / 100)));
  const cutoff = ranked[n - k]?.score ?? 0;
  for (const row of ranked) row.bottom = row.score <= cutoff;
  return ranked;
}

/** Performance pay: base × grade multiplier (1–5), shared in proportion to score by the largest remainder. */
export function performancePay(baseFen: bigint, gradeMultiplier: number, rows: { key: string; score: number }[]) {
  if (!Number.isInteger(gradeMultiplier) || gradeMultiplier < 1 || gradeMultiplier > 5)
    throw new RangeError('the grade multiplier is a whole number from 1 to 5');
  const pool = baseFen * BigInt(gradeMultiplier);
  const parts = splitLargestRemainder(
    pool,
    rows.map((r) => ({ key: r.key, weight: BigInt(Math.max(0, r.score)) })),
  );
  return { poolFen: pool, parts };
}
