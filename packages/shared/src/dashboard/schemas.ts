import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { BoundedTarget, FenSum, Id } from '../common/schemas.ts';
import { Funnel } from '../projects/schemas.ts';
import { RankingRow } from '../performance/schemas.ts';
import { IndicatorSheet, IndicatorZone } from '../indicators/schemas.ts';

export const targetMetrics = ['signed_investment', 'fixed_asset_investment', 'annual_output', 'new_projects'] as const;
export const TargetMetric = z.enum(targetMetrics, fe('ONE_OF', { values: targetMetrics.join(', ') }));

export const ZoneTargetsBody = z.object({
  year: z.number().int().min(2000).max(2100),
  targets: z
    .array(
      z.object({
        zoneId: Id,
        metric: TargetMetric,
        /** Fen for the amounts, a count for new projects; at most MAX_FEN either way. */
        target: BoundedTarget,
        note: z
          .string()
          .trim()
          .max(200, fe('TOO_LONG', { max: 200 }))
          .nullish(),
      }),
    )
    .max(200),
});

export const ZoneProgress = z.object({
  zoneId: Id,
  zoneName: z.string(),
  targets: z.record(z.string(), z.number().nullable()),
  /** The year's actuals: sums of fen as decimal strings, new projects as a count. */
  actuals: z.object({ signed_investment: FenSum, new_projects: z.number().int(), fixed_asset_investment: FenSum, annual_output: FenSum, annual_tax: FenSum }),
  notes: z.record(z.string(), z.string().nullable()),
  /**
   * 飞地 (issue 14): for an enclave zone with a partner share, `actuals` are the zone's own share; here are the whole
   * and the partner's share (the two shares sum to the whole to the fen). Null for other zones.
   */
  enclave: z
    .object({
      partner: z.string(),
      partnerShareBp: z.number().int(),
      whole: z.object({ signed_investment: FenSum, fixed_asset_investment: FenSum, annual_output: FenSum, annual_tax: FenSum }),
      partnerShare: z.object({ signed_investment: FenSum, fixed_asset_investment: FenSum, annual_output: FenSum, annual_tax: FenSum }),
    })
    .nullable(),
});

export const Dashboard = z.object({
  year: z.number().int(),
  funnel: Funnel,
  trend: z.array(
    z.object({
      month: z.string(),
      newLeads: z.number().int(),
      estimatedInvestmentFen: FenSum,
      signedProjects: z.number().int(),
      signedInvestmentFen: FenSum,
      constructionStarted: z.number().int(),
    }),
  ),
  zones: z.array(ZoneProgress),
  /** 一(三) indicators, year to date through this month (the current year) or December. */
  indicators: IndicatorSheet,
  ranking: z.object({ schemeId: Id, schemeName: z.string(), period: z.string(), rows: z.array(RankingRow) }).nullable(),
  chain: z.array(
    z.object({
      industryId: Id,
      industryName: z.string(),
      leadingIn: z.array(z.string()),
      emergingIn: z.array(z.string()),
      nodes: z.array(z.object({ nodeId: Id, name: z.string(), position: z.string(), projects: z.number().int(), leads: z.number().int(), gap: z.boolean() })),
    }),
  ),
  perMu: z.array(
    z.object({ projectId: Id, name: z.string(), zoneName: z.string(), landMu: z.number(), outputFenPerMu: FenSum.nullable(), taxFenPerMu: FenSum.nullable() }),
  ),
});

export const ReportRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
export const Report = z.object({
  title: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  zone: z.string(),
  generatedAt: z.string(),
  newLeads: z.array(ReportRow),
  signed: z.array(ReportRow),
  landed: z.array(ReportRow),
  byZone: z.array(ReportRow),
  /** 一(三) indicators per zone (and all zones together): the period, year to date, year on year, target, 完成率. */
  indicators: z.array(IndicatorZone),
  /** 合计: counts, and sums of fen as decimal strings. */
  totals: z.object({
    newLeads: z.number().int(),
    newLeadsInvestmentFen: FenSum,
    signedProjects: z.number().int(),
    signedInvestmentFen: FenSum,
    landedProjects: z.number().int(),
    landedInvestmentFen: FenSum,
  }),
});
export type Report = z.infer<typeof Report>;
