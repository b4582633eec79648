import { describe, expect, it } from 'vitest';
import { computeReward } from './engine.ts';
import { computeServiceFee } from './service-fee.ts';
import { asTraceStep, renderTraceStep, traceEn, traceKinds, traceStep, traceZhCN } from './trace.ts';
import { workedExampleVersion } from './worked-example.ts';

describe('structured traces (issue 10)', () => {
  it('have every step kind in English and Chinese, with no parameter only Chinese names', () => {
    expect(Object.keys(traceZhCN).sort()).toEqual([...traceKinds].sort());
    const names = (template: string) => new Set([...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]));
    for (const kind of traceKinds) {
      expect(traceZhCN[kind], kind).toBeTruthy();
      const sent = names(traceEn[kind]);
      for (const name of names(traceZhCN[kind])) expect(sent.has(name), `${kind} {{${name}}}`).toBe(true);
    }
  });

  it('give the worked example as kinds and values whose English text is the trace as before', () => {
    const result = computeReward({
      version: workedExampleVersion(),
      basisFen: 12_345_678_901n,
      industryFlags: { leading: true, emerging: false },
      milestone: 'in_production',
      alreadyPaidFen: 26_400_000n,
    });
    expect(result.steps.map((step) => step.text)).toEqual(result.trace);
    expect(result.steps.map((step) => step.kind)).toEqual([
      'BASIS',
      'THRESHOLD_MET',
      'SLICE',
      'SLICE',
      'TIERS_MARGINAL',
      'MULTIPLIER',
      'MULTIPLIED',
      'CAP_NOT_REACHED',
      'TOTAL_ROUNDED',
      'CUMULATIVE',
    ]);
    expect(result.steps[0]).toEqual({
      kind: 'BASIS',
      values: { basisFen: '12345678901', basis: 'actual_fixed_asset_investment' },
      text: 'basis ¥123,456,789.01 — actual fixed-asset investment 实际固定资产投资',
    });
    const zh = result.steps.map((step) => renderTraceStep('zh-CN', step));
    expect(zh[0]).toBe('计奖基数 ¥123,456,789.01（实际固定资产投资）');
    expect(zh[5]).toBe('×1.2（主导产业）');
    expect(zh[7]).toBe('未达封顶 ¥1,500,000.00');
    expect(zh.at(-1)).toBe('累计比例 100%，应付 ¥1,040,740.73 − 已付 ¥264,000.00 = ¥776,740.73');
  });

  it('says milestones and periods by their Chinese names', () => {
    expect(renderTraceStep('zh-CN', traceStep('NO_INSTALLMENT', { milestone: 'registered' }))).toBe('注册及之前没有分期');
    expect(
      renderTraceStep(
        'zh-CN',
        traceStep('POLICY_REACHED', {
          policy: '引进奖励办法',
          versionNo: 2,
          from: '2025-01-01',
          milestoneKey: 'construction_started',
          reachedOn: '2026-10-10',
        }),
      ),
    ).toBe('引进奖励办法 第 2 版（2025-01-01 起施行）；开工 2026-10-10 达成');
    const fee = computeServiceFee({ feeFen: 3_000_000n, period: 'month', from: '2026-10-16', to: '2026-10-31' });
    expect(fee.steps.map((step) => step.text)).toEqual(fee.trace);
    expect(renderTraceStep('zh-CN', fee.steps[1] ?? traceStep('TEXT'))).toBe(
      '2026-10：2026-10-16 – 2026-10-31，16/31 天 × ¥30,000.00 = ¥15,483.87（四舍五入到分）',
    );
    expect(renderTraceStep('zh-CN', fee.steps[0] ?? traceStep('TEXT'))).toBe('服务费 ¥30,000.00/月，2026-10-16 – 2026-10-31');
  });

  it('reads a trace stored as English lines (before steps had kinds) as text steps shown as written', () => {
    const line = 'cap ¥1,500,000.00 not reached';
    expect(asTraceStep(line)).toEqual({ kind: 'TEXT', values: { text: line }, text: line });
    expect(renderTraceStep('zh-CN', asTraceStep(line))).toBe(line);
    const stored = JSON.parse(JSON.stringify(traceStep('CAP_NOT_REACHED', { capFen: 150_000_000n })));
    expect(asTraceStep(stored)).toEqual({ kind: 'CAP_NOT_REACHED', values: { capFen: '150000000' }, text: line });
    // A kind this version does not know (a newer server's row) falls back to its English text.
    expect(asTraceStep({ kind: 'FUTURE_KIND', values: {}, text: 'something new' })).toEqual({
      kind: 'TEXT',
      values: { text: 'something new' },
      text: 'something new',
    });
  });
});
