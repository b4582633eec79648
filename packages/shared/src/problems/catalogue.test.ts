import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Fen, Text } from '../common/schemas.ts';
import { AppError, errorStatus, fieldIssue, invalid, problem, staleVersion } from '../errors.ts';
import { fieldCodes, fieldsEn } from './fields-en.ts';
import { problemCatalogue, problemReasons, problemsEn } from './en.ts';
import { problemLanguages } from './index.ts';
import { type ParamNames, renderProblem, termListOf } from './render.ts';
import { fieldProblemOf } from './zod-issues.ts';
import { fieldsZhCN, problemsZhCN } from './zh-CN.ts';

const paramsIn = (template: string) => new Set([...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]));

describe('the problem catalogues (issue 10: every screen speaks the user’s language)', () => {
  it('have every reason in English and in Chinese, and no reason only one of them knows', () => {
    for (const reason of problemReasons) {
      expect(problemsEn[reason], `English for ${reason}`).toBeTruthy();
      expect(problemsZhCN[reason], `zh-CN for ${reason}`).toBeTruthy();
    }
    expect(Object.keys(problemsZhCN).sort()).toEqual([...problemReasons].sort());
  });

  it('have every field code in English and in Chinese', () => {
    for (const code of fieldCodes) {
      expect(fieldsEn[code], `English for ${code}`).toBeTruthy();
      expect(fieldsZhCN[code], `zh-CN for ${code}`).toBeTruthy();
    }
    expect(Object.keys(fieldsZhCN).sort()).toEqual([...fieldCodes].sort());
  });

  it('let the Chinese templates use only parameters the English one (what the API sends) names', () => {
    for (const reason of problemReasons) {
      const sent = paramsIn(problemsEn[reason]);
      for (const name of paramsIn(problemsZhCN[reason])) expect(sent.has(name), `${reason} zh-CN uses {{${name}}}`).toBe(true);
    }
    for (const code of fieldCodes) {
      const sent = paramsIn(fieldsEn[code]);
      for (const name of paramsIn(fieldsZhCN[code])) expect(sent.has(name), `${code} zh-CN uses {{${name}}}`).toBe(true);
    }
  });

  it('map each reason to a code of the closed list', () => {
    for (const reason of problemReasons) expect(Object.keys(errorStatus)).toContain(problemCatalogue[reason].code);
  });

  it('label every term in every language', () => {
    const en = problemLanguages.en.terms;
    const zh = problemLanguages['zh-CN'].terms;
    for (const list of new Set(Object.values(termListOf))) {
      expect(Object.keys(zh[list] ?? {}).sort(), list).toEqual(Object.keys(en[list] ?? {}).sort());
      for (const [key, label] of Object.entries(zh[list] ?? {})) expect(label, `${list}.${key}`).toBeTruthy();
    }
  });
});

describe('AppError', () => {
  it('renders its English message from the catalogue and keeps reason, params and the HTTP code', () => {
    const error = problem('LEAD_DUPLICATE', { company: '铁岭阀门', owner: '爱丽丝', protectedUntil: '2026-12-01 18:00', sameCode: '' });
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('CONFLICT');
    expect(error.status).toBe(409);
    expect(error.reason).toBe('LEAD_DUPLICATE');
    expect(error.message).toMatch(/^铁岭阀门 is already a lead of 爱丽丝, protected until 2026-12-01 18:00\. Do not start/);
    expect(renderProblem(problemLanguages['zh-CN'], error.reason, error.params)).toBe(
      '撞单：铁岭阀门 已由 爱丽丝 跟进，保护期至 2026-12-01 18:00。请勿重复登记，可联系负责人或管理人员。',
    );
  });

  it('names list values by their labels in Chinese (entity, milestone) and nests problems', () => {
    const stale = staleVersion('weekly report', 3, 2);
    expect(stale.message).toBe(
      'This weekly report was changed by someone else since you opened it (version 3, you sent 2). Reload it and apply your change again.',
    );
    expect(renderProblem(problemLanguages['zh-CN'], stale.reason, stale.params)).toBe(
      '该周报已被他人修改（当前第 3 版，您提交的是第 2 版），请刷新后重新操作。',
    );
    const changed = problem('CALCULATION_CHANGED', {
      changes: [{ reason: 'CHANGED_CREDITS' }, { reason: 'CHANGED_BASIS', params: { now: '¥2.00', then: '¥1.00' } }],
    });
    expect(changed.message).toContain("the project's credits changed; a figure was verified: the basis is ¥2.00 now (was ¥1.00)");
    expect(renderProblem(problemLanguages['zh-CN'], changed.reason, changed.params)).toContain(
      '项目业绩归属已变更；有新核实的数据：计奖基数现为 ¥2.00（核算时为 ¥1.00）',
    );
    const notReached = problem('MILESTONE_NOT_REACHED', { milestone: 'construction_started' });
    expect(renderProblem(problemLanguages['zh-CN'], notReached.reason, notReached.params)).toBe('项目尚未到达“开工”节点：请先记录该里程碑。');
  });

  it('sends field problems with a code and parameters', () => {
    const error = invalid('occurredOn', 'BEFORE_LEAD_CREATED', { date: '2026-10-01' });
    expect(error.reason).toBe('FIELDS_INVALID');
    expect(error.details).toEqual({ fields: [fieldIssue('occurredOn', 'BEFORE_LEAD_CREATED', { date: '2026-10-01' })] });
    expect(error.message).toBe('occurredOn: cannot be before the lead was created (2026-10-01), so log only what happened since then');
  });

  it('types the parameters a reason takes from its English template', () => {
    type Duplicate = ParamNames<(typeof problemCatalogue)['LEAD_DUPLICATE']['en']>;
    const names: Duplicate[] = ['company', 'owner', 'protectedUntil', 'sameCode'];
    expect(names).toHaveLength(4);
    // @ts-expect-error a reason outside the catalogue is refused by the type
    expect(() => problem('NO_SUCH_REASON')).toThrow();
  });
});

describe('fieldProblemOf (zod issues → field codes)', () => {
  const issue = (schema: z.ZodType, value: unknown) => {
    const result = schema.safeParse(value);
    if (result.success) throw new Error('expected a problem');
    return result.error.issues[0] as unknown as Parameters<typeof fieldProblemOf>[0];
  };
  it('reads the code a shared schema wrote, with its parameters', () => {
    expect(fieldProblemOf(issue(Fen, -1))).toEqual({ code: 'NEGATIVE' });
    expect(fieldProblemOf(issue(Fen, 1.5))).toEqual({ code: 'WHOLE_FEN' });
    expect(fieldProblemOf(issue(Text(5), '123456'))).toEqual({ code: 'TOO_LONG', params: { max: 5 } });
    expect(fieldProblemOf(issue(Text(5), '   '))).toEqual({ code: 'REQUIRED' });
  });
  it('gives a zod message the schemas did not write the generic code of its kind', () => {
    expect(fieldProblemOf(issue(z.string().max(3), 'abcd'))).toEqual({ code: 'TOO_LONG', params: { max: 3 } });
    expect(fieldProblemOf(issue(z.enum(['a', 'b']), 'c'))).toEqual({ code: 'ONE_OF', params: { values: 'a, b' } });
    expect(fieldProblemOf(issue(z.object({ a: z.string() }), {})).code).toBe('REQUIRED');
  });
});
