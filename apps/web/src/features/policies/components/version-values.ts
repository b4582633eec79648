import {
  formatFactorBp,
  versionInEffect,
  type MultiplierCondition,
  type RewardBasis,
  type RewardMilestone,
  type ServiceFeePeriod,
  type TierMode,
} from '@crm/shared';
import dayjs, { type Dayjs } from 'dayjs';
import { bpToPercentInput, DATE, fenToWanInput } from '../../../lib/format.ts';
import { fenToYuanInput, percentBpOf, wanFenOf, yuanFenOf } from '../../../lib/money-rules.ts';
import type { Policy, PolicyVersion, RewardKind, RewardVersionInput, RewardVersionJson } from '../../../lib/types.ts';
import { zoneToday, zoneTodayDay, zoneYear } from '../../../lib/zone-time.ts';

/*
 * A version as people type it: amounts in 万元 (service fees in 元), rates and shares in %, multipliers as ×1.2;
 * and the exact conversion to and from the API's fen and basis points.
 */

export type TierValues = { upTo?: string; rate?: string };
export type MultiplierValues = { when?: MultiplierCondition; factor?: string };
export type InstallmentValues = { milestone?: RewardMilestone; share?: string };
export type VersionValues = {
  effectiveFrom?: Dayjs;
  effectiveTo?: Dayjs | null;
  basis?: RewardBasis;
  mode?: TierMode;
  /** 万元 */
  threshold?: string;
  /** 万元; empty = no cap */
  cap?: string;
  tiers?: TierValues[];
  multipliers?: MultiplierValues[];
  installments?: InstallmentValues[];
  /** 元 per period (service fee) */
  fee?: string;
  period?: ServiceFeePeriod;
  note?: string;
};

/** The API stores a version's body as it validated it; the wire type is `unknown`. */
export const versionBody = (version: PolicyVersion): RewardVersionJson => version.body as RewardVersionJson;

/** The version in effect on a date: among those covering it, the newest (the API's rule, domain.md). */
export function versionOn(policy: Pick<Policy, 'versions'>, date: string): PolicyVersion | null {
  return versionInEffect(policy.versions, date);
}

export const latestVersion = (policy: Pick<Policy, 'versions'>): PolicyVersion | null =>
  [...policy.versions].sort((a, b) => b.versionNo - a.versionNo)[0] ?? null;

export const today = (): string => zoneToday();

const FACTOR_PATTERN = /^\d+(\.\d{1,4})?$/;

/** "1.2" → 12000 basis points, exactly; null when not a multiplier with up to four decimals. */
export function factorToBp(text: string | undefined): number | null {
  const cleaned = (text ?? '').trim().replace(/^[×xX*]/, '');
  if (!FACTOR_PATTERN.test(cleaned)) return null;
  const [whole = '0', frac = ''] = cleaned.split('.');
  const bp = Number(whole) * 10000 + Number(frac.padEnd(4, '0'));
  return Number.isSafeInteger(bp) ? bp : null;
}

/** A new version starts from the latest one, effective from today (the newest covering a date wins). */
export function valuesFromVersion(body: RewardVersionJson): VersionValues {
  const dates = { effectiveFrom: zoneTodayDay(), effectiveTo: null };
  if (body.kind === 'service_fee') return { ...dates, fee: fenToYuanInput(body.feeFen), period: body.period };
  return {
    ...dates,
    basis: body.basis,
    mode: body.mode,
    threshold: fenToWanInput(body.thresholdFen),
    cap: body.capFen === null ? '' : fenToWanInput(body.capFen),
    tiers: body.tiers.map((tier) => ({ upTo: tier.upToFen === null ? '' : fenToWanInput(tier.upToFen), rate: bpToPercentInput(tier.rateBp) })),
    multipliers: body.multipliers.map((m) => ({ when: m.when, factor: formatFactorBp(m.factorBp) })),
    installments: body.installments.map((i) => ({ milestone: i.milestone, share: bpToPercentInput(i.shareBp) })),
  };
}

/** What an empty form shows for a new policy of a kind. */
export function defaultValues(kind: RewardKind): VersionValues {
  if (kind === 'service_fee') return { effectiveFrom: dayjs(`${zoneYear()}-01-01`), effectiveTo: null, period: 'month' };
  return {
    effectiveFrom: dayjs(`${zoneYear()}-01-01`),
    effectiveTo: null,
    basis: 'actual_fixed_asset_investment',
    mode: 'marginal',
    threshold: '0',
    cap: '',
    tiers: [{ upTo: '', rate: '' }],
    multipliers: [],
    installments: [{ milestone: 'construction_started', share: '100' }],
  };
}

/**
 * The body the API takes. Text the form's rules let through always converts; anything else is left for the
 * shared schema to name (a missing rate becomes -1, which it refuses with its own message).
 */
export function versionFromValues(kind: RewardKind, values: VersionValues): RewardVersionInput {
  const effectiveFrom = values.effectiveFrom?.format(DATE) ?? '';
  const effectiveTo = values.effectiveTo ? values.effectiveTo.format(DATE) : null;
  if (kind === 'service_fee') {
    return { kind, feeFen: yuanFenOf(values.fee) ?? -1, period: values.period ?? 'month', effectiveFrom, effectiveTo };
  }
  return {
    kind,
    basis: values.basis ?? 'actual_fixed_asset_investment',
    mode: values.mode ?? 'marginal',
    thresholdFen: wanFenOf(values.threshold) ?? 0,
    tiers: (values.tiers ?? []).map((tier) => ({ upToFen: wanFenOf(tier.upTo), rateBp: percentBpOf(tier.rate) ?? -1 })),
    multipliers: (values.multipliers ?? []).map((m) => ({ when: m.when ?? 'leading_industry', factorBp: factorToBp(m.factor) ?? 0 })),
    capFen: wanFenOf(values.cap),
    installments: (values.installments ?? []).map((i) => ({ milestone: i.milestone ?? 'signed', shareBp: percentBpOf(i.share) ?? 0 })),
    effectiveFrom,
    effectiveTo,
  };
}

/**
 * An API (or shared schema) field → this form's field: `version.tiers.1.upToFen` → `tiers.1.upTo`,
 * `version.capFen` → `cap`, `version.installments` → `installments`. The form names a value by what it is,
 * not by its unit, because people type 万元 and % where the API takes fen and basis points.
 */
export function formFieldOf(apiField: string): string {
  const parts = apiField.replace(/^version\./, '').split('.');
  const last = parts.length - 1;
  parts[last] = (parts[last] ?? '').replace(/(Fen|Bp)$/, '');
  return parts.join('.');
}
