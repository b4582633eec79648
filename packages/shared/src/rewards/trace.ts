import { formatFen } from '../money.ts';
import { interpolate } from '../problems/render.ts';
import { multiplierLabels, rewardBasisLabels, rewardMilestoneLabels } from './types.ts';

/**
 * A calculation's trace as structured steps (issue 10): each step is a `kind` with its `values` (amounts in fen as
 * digit strings under names ending in `Fen`, dates as YYYY-MM-DD, milestone, basis and figure keys; rates, factors
 * and exact amounts preformatted, as they read the same in every language) and its English `text`. The web shows a
 * step in the reader's language from the catalogues below; the English text stays for integrators and old readers.
 */
export const traceEn = {
  BASIS: 'basis {{basisFen}} — {{basis}}',
  INELIGIBLE: 'payee not eligible: {{reasons}} — no reward is due (total ¥0.00)',
  BELOW_THRESHOLD: 'below threshold {{thresholdFen}} 未达起奖门槛 — no reward is due (total ¥0.00)',
  THRESHOLD_MET: 'threshold {{thresholdFen}} met',
  COUNTED_ONLY: 'only the first {{countedFen}} counts: the last tier stops there',
  SLICE: 'slice {{tier}}: {{basisFen}} × {{rate}} = {{amount}}',
  TIERS_MARGINAL: 'tiers (marginal) = {{amount}}',
  BRACKET: 'bracket {{tier}} ({{fromFen}} – {{upToFen}}): {{basisFen}} × {{rate}} = {{amount}}',
  BRACKET_ABOVE: 'bracket {{tier}} (above {{fromFen}}): {{basisFen}} × {{rate}} = {{amount}}',
  MULTIPLIER: '×{{factor}} {{multiplier}}',
  MULTIPLIED: '= {{amount}}',
  MULTIPLIED_COMBINED: '= {{amount}} (combined ×{{factor}})',
  NO_MULTIPLIER: 'no multiplier applies',
  NO_CAP: 'no cap',
  CAP_REACHED: 'cap {{capFen}} reached: {{amount}} → {{capFen}}',
  CAP_NOT_REACHED: 'cap {{capFen}} not reached',
  TOTAL: 'total {{totalFen}}',
  TOTAL_ROUNDED: 'total {{totalFen}} ({{amount}} rounded half up)',
  NO_INSTALLMENT: 'no installment falls at or before {{milestone}}',
  INSTALLMENT_SHARE: '{{totalFen}} × {{share}} up to {{milestone}} = {{dueFen}}',
  CUMULATIVE: 'cumulative share {{share}} due {{dueFen}} − {{paidFen}} paid = {{differenceFen}}',
  CUMULATIVE_OVERPAID:
    'cumulative share {{share}} due {{dueFen}} − {{paidFen}} paid = {{differenceFen}}: overpaid {{overpaidFen}}, flagged for recovery 待追回; nothing is paid now',
  PAID_TO: 'already paid to {{payee}} {{paidFen}} 已支付',
  PAID_TO_EARLIER: 'already paid to {{payee}} {{paidFen}} 已支付 (an earlier payee: what was paid stays paid)',
  OTHERS_BEYOND: 'paid to earlier payees beyond the entitlement {{entitledFen}}: {{excessFen}}, flagged for recovery 待追回',
  FEE_HEAD: 'service fee {{feeFen}} per {{period}}, {{from}} – {{to}}',
  FEE_WHOLE: '{{label}}: whole {{period}} {{amountFen}}',
  FEE_PART: '{{label}}: {{from}} – {{to}}, {{days}} of {{daysInPeriod}} days × {{feeFen}} = {{amountFen}} (rounded half up)',
  POLICY_REACHED: '{{policy}} v{{versionNo}} (effective {{from}}), "{{milestoneKey}}" reached on {{reachedOn}}',
  POLICY_REACHED_RANGE: '{{policy}} v{{versionNo}} (effective {{from}} to {{to}}), "{{milestoneKey}}" reached on {{reachedOn}}',
  VERIFIED_FIGURE: 'verified {{figure}} {{amountFen}} as of {{asOf}}',
  VERIFIED_CONTRACT: 'verified contract investment {{amountFen}}',
  AGREEMENT: 'agreement 委托招商协议 "{{title}}" ({{from}} to {{to}}) in force',
  AGREEMENT_OPEN: 'agreement 委托招商协议 "{{title}}" ({{from}} to open) in force',
  SPLIT: 'split by credit share (largest remainder, ties in the order entered): {{parts}}',
  OVERPAID: 'OVERPAID {{overpaidFen}}: flagged for recovery (追回); nothing is paid',
  CONTRACT_HEAD: '{{title}}: {{feeFen}} per {{period}}, {{from}} to {{to}}',
  /** A step stored before steps had kinds (an English line): shown as it was written. */
  TEXT: '{{text}}',
} as const;

export type TraceKind = keyof typeof traceEn;
export const traceKinds = Object.keys(traceEn) as TraceKind[];
export type TraceValues = { readonly [name: string]: string | number | readonly string[] };
export type TraceStep = { readonly kind: TraceKind; readonly values: TraceValues; readonly text: string };

export const traceZhCN: Record<TraceKind, string> = {
  BASIS: '计奖基数 {{basisFen}}（{{basis}}）',
  INELIGIBLE: '收款方不符合条件：{{reasons}}，不发放奖励（合计 ¥0.00）',
  BELOW_THRESHOLD: '未达起奖门槛 {{thresholdFen}}，不发放奖励（合计 ¥0.00）',
  THRESHOLD_MET: '已达起奖门槛 {{thresholdFen}}',
  COUNTED_ONLY: '只计前 {{countedFen}}：最后一档到此为止',
  SLICE: '第 {{tier}} 档：{{basisFen}} × {{rate}} = {{amount}}',
  TIERS_MARGINAL: '各档合计（超额累进）= {{amount}}',
  BRACKET: '第 {{tier}} 档（{{fromFen}} – {{upToFen}}）：{{basisFen}} × {{rate}} = {{amount}}',
  BRACKET_ABOVE: '第 {{tier}} 档（{{fromFen}} 以上）：{{basisFen}} × {{rate}} = {{amount}}',
  MULTIPLIER: '×{{factor}}（{{multiplier}}）',
  MULTIPLIED: '= {{amount}}',
  MULTIPLIED_COMBINED: '= {{amount}}（合计系数 ×{{factor}}）',
  NO_MULTIPLIER: '不适用系数',
  NO_CAP: '不封顶',
  CAP_REACHED: '达到封顶 {{capFen}}：{{amount}} → {{capFen}}',
  CAP_NOT_REACHED: '未达封顶 {{capFen}}',
  TOTAL: '总额 {{totalFen}}',
  TOTAL_ROUNDED: '总额 {{totalFen}}（{{amount}} 四舍五入到分）',
  NO_INSTALLMENT: '{{milestone}}及之前没有分期',
  INSTALLMENT_SHARE: '{{totalFen}} × {{share}}（截至{{milestone}}）= {{dueFen}}',
  CUMULATIVE: '累计比例 {{share}}，应付 {{dueFen}} − 已付 {{paidFen}} = {{differenceFen}}',
  CUMULATIVE_OVERPAID: '累计比例 {{share}}，应付 {{dueFen}} − 已付 {{paidFen}} = {{differenceFen}}：多付 {{overpaidFen}}，待追回；本次不支付',
  PAID_TO: '已支付给 {{payee}} {{paidFen}}',
  PAID_TO_EARLIER: '已支付给 {{payee}} {{paidFen}}（此前的收款方：已付款项不变）',
  OTHERS_BEYOND: '此前收款方所得超过应得 {{entitledFen}} 的部分：{{excessFen}}，待追回',
  FEE_HEAD: '服务费 {{feeFen}}/{{period}}，{{from}} – {{to}}',
  FEE_WHOLE: '{{label}}：整{{period}} {{amountFen}}',
  FEE_PART: '{{label}}：{{from}} – {{to}}，{{days}}/{{daysInPeriod}} 天 × {{feeFen}} = {{amountFen}}（四舍五入到分）',
  POLICY_REACHED: '{{policy}} 第 {{versionNo}} 版（{{from}} 起施行）；{{milestoneKey}} {{reachedOn}} 达成',
  POLICY_REACHED_RANGE: '{{policy}} 第 {{versionNo}} 版（{{from}} 至 {{to}} 施行）；{{milestoneKey}} {{reachedOn}} 达成',
  VERIFIED_FIGURE: '核实的{{figure}} {{amountFen}}（截至 {{asOf}}）',
  VERIFIED_CONTRACT: '核实的合同投资额 {{amountFen}}',
  AGREEMENT: '委托招商协议“{{title}}”（{{from}} 至 {{to}}）有效',
  AGREEMENT_OPEN: '委托招商协议“{{title}}”（{{from}} 起，长期）有效',
  SPLIT: '按业绩比例分配（最大余数法，余数相同按录入顺序）：{{parts}}',
  OVERPAID: '多付 {{overpaidFen}}：待追回，本次不支付',
  CONTRACT_HEAD: '{{title}}：{{feeFen}}/{{period}}，{{from}} 至 {{to}}',
  TEXT: '{{text}}',
};

const zhMilestone: Record<string, string> = {
  signed: '签约',
  registered: '注册',
  land_acquired: '供地',
  construction_started: '开工',
  in_production: '投产',
  at_capacity: '达产',
};
const zhFigure: Record<string, string> = {
  actual_fixed_asset_investment: '实际固定资产投资',
  actual_paid_in: '实际到位资金',
  annual_output: '年产值',
  annual_tax: '年税收',
  contract_investment: '合同投资额',
};

/** The labels a step's key values show as, per language (English keeps the wording the engine always wrote). */
export const traceTerms: Record<'en' | 'zh-CN', Record<string, Record<string, string>>> = {
  en: {
    basis: rewardBasisLabels,
    milestone: rewardMilestoneLabels,
    milestoneKey: Object.fromEntries(Object.keys(zhMilestone).map((k) => [k, k])),
    multiplier: multiplierLabels,
    figure: Object.fromEntries(Object.keys(zhFigure).map((k) => [k, k])),
    reasons: {
      government_unit: 'a government unit 政府部门/事业单位',
      platform_company: 'a platform company 平台公司',
      related_to_investor: 'related to the investor 与投资方存在关联关系',
    },
    period: { month: 'month', quarter: 'quarter' },
  },
  'zh-CN': {
    basis: { actual_fixed_asset_investment: '实际固定资产投资', actual_paid_in: '实际到位资金', contract_investment: '合同投资额', annual_tax: '年度税收' },
    milestone: zhMilestone,
    milestoneKey: zhMilestone,
    multiplier: { leading_industry: '主导产业', emerging_industry: '战略性新兴产业' },
    figure: zhFigure,
    reasons: { government_unit: '政府部门/事业单位', platform_company: '平台公司', related_to_investor: '与投资方存在关联关系' },
    period: { month: '月', quarter: '季度' },
  },
};

/** A step's values as the text a language shows: fen as ¥1,040,740.73, keys as their labels, lists joined. */
export function traceValueTexts(language: 'en' | 'zh-CN', values: TraceValues): Record<string, string> {
  const terms = traceTerms[language];
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    const label = (v: string) => terms[name]?.[v] ?? v;
    if (Array.isArray(value)) out[name] = value.map((v) => label(String(v))).join(language === 'en' ? ', ' : '、');
    else if (name.endsWith('Fen') && /^-?\d+$/.test(String(value))) out[name] = formatFen(BigInt(value as string | number));
    else out[name] = label(String(value));
  }
  return out;
}

const catalogues = { en: traceEn, 'zh-CN': traceZhCN } as const;

/** One step in a language (the API's English text, the .xlsx export's Chinese lines). */
export function renderTraceStep(language: 'en' | 'zh-CN', step: Pick<TraceStep, 'kind' | 'values'>): string {
  const template = (catalogues[language] as Record<string, string>)[step.kind];
  if (template === undefined) return String(step.values.text ?? step.kind);
  return interpolate(template, traceValueTexts(language, step.values));
}

/** A step, with its English text. Amounts go in as bigint fen and are kept as digit strings (JSON has no bigint). */
export function traceStep(kind: TraceKind, values: { readonly [name: string]: string | number | bigint | readonly string[] } = {}): TraceStep {
  const kept: Record<string, string | number | readonly string[]> = {};
  for (const [name, value] of Object.entries(values))
    kept[name] = typeof value === 'bigint' || (name.endsWith('Fen') && typeof value === 'number') ? value.toString() : value;
  return { kind, values: kept, text: renderTraceStep('en', { kind, values: kept }) };
}

/** A stored trace line, whichever form it was stored in: an old English line becomes a TEXT step. */
export function asTraceStep(stored: unknown): TraceStep {
  if (typeof stored === 'string') return { kind: 'TEXT', values: { text: stored }, text: stored };
  const step = stored as Partial<TraceStep> | null;
  if (step && typeof step.kind === 'string' && step.values && typeof step.values === 'object') {
    const kind = (traceKinds as string[]).includes(step.kind) ? (step.kind as TraceKind) : 'TEXT';
    const text = typeof step.text === 'string' ? step.text : renderTraceStep('en', { kind, values: step.values });
    return kind === 'TEXT' && step.kind !== 'TEXT' ? { kind, values: { text }, text } : { kind, values: step.values, text };
  }
  return { kind: 'TEXT', values: { text: String(stored) }, text: String(stored) };
}
