import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { FenSum, Id } from '../common/schemas.ts';

/** 一(三) indicators (issue 14); the rows live in indicator_definitions, the codes are fixed here. */
export const indicatorCodes = [
  'value_added_growth',
  'output_share',
  'above_scale_share',
  'fixed_asset_investment_growth',
  'industrial_value_added',
  'industrial_output',
  'above_scale_enterprises',
  'fixed_asset_investment',
  'city_industrial_output',
  'city_above_scale_enterprises',
  'signed_investment',
  'new_projects',
  'funds_in_place',
] as const;
export const IndicatorCode = z.enum(indicatorCodes, fe('ONE_OF', { values: indicatorCodes.join(', ') }));
export type IndicatorCode = z.infer<typeof IndicatorCode>;
/** The indicators people type in each month (the CRM cannot know them). */
export const enteredIndicatorCodes = [
  'industrial_value_added',
  'industrial_output',
  'above_scale_enterprises',
  'fixed_asset_investment',
  'city_industrial_output',
  'city_above_scale_enterprises',
] as const;
export const EnteredIndicatorCode = z.enum(enteredIndicatorCodes, fe('ONE_OF', { values: enteredIndicatorCodes.join(', ') }));

const Month = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, fe('MONTH'));
/** fen, a count, or basis points (growth may be negative). */
const Value = z.number(fe('NUMBER_OR_COUNT')).int(fe('WHOLE_NUMBER')).min(-1_000_000_000_000_000).max(1_000_000_000_000_000);

export const IndicatorDefinition = z.object({
  code: IndicatorCode,
  name: z.string(),
  unit: z.enum(['fen', 'count', 'bp']),
  source: z.enum(['entered', 'computed', 'derived']),
  aggregation: z.enum(['flow', 'stock', 'rate']),
  scope: z.enum(['zone', 'city']),
  policyRef: z.string().nullable(),
});

export const IndicatorTargetsBody = z.object({
  year: z.number().int().min(2000).max(2100),
  targets: z
    .array(
      z.object({
        indicatorCode: IndicatorCode,
        /** null: all the zones together (全市经济开发区). */
        zoneId: Id.nullable(),
        /** null removes the target. */
        target: Value.min(-100_000, fe('NEGATIVE')).nullable(),
        note: z
          .string()
          .trim()
          .max(200, fe('TOO_LONG', { max: 200 }))
          .nullish(),
      }),
    )
    .max(300),
});

export const IndicatorActualsBody = z.object({
  actuals: z
    .array(
      z.object({
        indicatorCode: EnteredIndicatorCode,
        /** null for the city's figures (city_*). */
        zoneId: Id.nullable(),
        month: Month,
        /** null removes the month's figure. */
        value: Value.min(0, fe('NEGATIVE')).nullable(),
        source: z
          .string()
          .trim()
          .max(200, fe('TOO_LONG', { max: 200 }))
          .nullish(),
      }),
    )
    .min(1)
    .max(500),
});

/**
 * One indicator of one zone (or of all zones) for a period: the period's own figure, year to date, the same
 * span a year earlier, year on year, the year's target and how far it is met. Amounts are fen as decimal
 * strings, counts as decimal strings too, rates in basis points (1% = 100). Null where there is nothing to show.
 */
export const IndicatorRow = z.object({
  code: IndicatorCode,
  name: z.string(),
  unit: z.enum(['fen', 'count', 'bp']),
  source: z.enum(['entered', 'computed', 'derived']),
  period: FenSum.nullable(),
  ytd: FenSum.nullable(),
  lastYearYtd: FenSum.nullable(),
  /** Amounts and counts: growth over the same span last year, bp. Rates: the change in bp (percentage points × 100). */
  yoyBp: z.number().int().nullable(),
  target: FenSum.nullable(),
  targetNote: z.string().nullable(),
  /** Amounts and counts: year to date over the year's target, bp. Rates: actual over target, bp. */
  completionBp: z.number().int().nullable(),
  /** Rates: met (≥ target); amounts: the year's target reached. Null without a target or an actual. */
  met: z.boolean().nullable(),
});
export type IndicatorRow = z.infer<typeof IndicatorRow>;

export const IndicatorZone = z.object({ zoneId: Id.nullable(), zoneName: z.string(), rows: z.array(IndicatorRow) });
export type IndicatorZone = z.infer<typeof IndicatorZone>;

export const IndicatorSheet = z.object({
  year: z.number().int(),
  /** The last month counted (YYYY-MM): year to date runs from January to it. */
  throughMonth: z.string(),
  definitions: z.array(IndicatorDefinition),
  zones: z.array(IndicatorZone),
  /** The city's entered totals for the same span (denominators of the shares). */
  city: z.array(IndicatorRow),
});
export type IndicatorSheet = z.infer<typeof IndicatorSheet>;

export const IndicatorEntries = z.object({
  year: z.number().int(),
  targets: z.array(z.object({ indicatorCode: IndicatorCode, zoneId: Id.nullable(), target: z.number().int(), note: z.string().nullable() })),
  actuals: z.array(
    z.object({ indicatorCode: IndicatorCode, zoneId: Id.nullable(), month: z.string(), value: z.number().int(), source: z.string().nullable() }),
  ),
});

export type IndicatorEntries = z.infer<typeof IndicatorEntries>;

/** 亩产 (二(四)3): per zone, the bottom list, idle land and the 奖惩 lists. */
const PerMuProject = z.object({
  projectId: Id,
  name: z.string(),
  zoneId: Id,
  zoneName: z.string(),
  landMu: z.number(),
  outputFen: z.number().int().nullable(),
  taxFen: z.number().int().nullable(),
  outputFenPerMu: FenSum.nullable(),
  taxFenPerMu: FenSum.nullable(),
});
export const IdleLand = z.object({
  projectId: Id,
  name: z.string(),
  zoneId: Id,
  zoneName: z.string(),
  landMu: z.number(),
  flag: z.enum(['approved_not_supplied', 'supplied_not_used']),
  since: z.string(),
  days: z.number().int(),
});
export const LandYield = z.object({
  year: z.number().int(),
  zones: z.array(
    z.object({
      zoneId: Id,
      zoneName: z.string(),
      projects: z.number().int(),
      landMu: z.number(),
      outputFen: FenSum,
      taxFen: FenSum,
      outputFenPerMu: FenSum.nullable(),
      taxFenPerMu: FenSum.nullable(),
      idleMu: z.number(),
      rewarded: z.array(PerMuProject.extend({ reason: z.string() })),
      penalised: z.array(PerMuProject.extend({ reason: z.string() })),
    }),
  ),
  bottom: z.array(PerMuProject),
  idle: z.array(IdleLand),
});
export type LandYield = z.infer<typeof LandYield>;
