import type { Tx } from '@crm/db';
import {
  amountToFen,
  AppError,
  creditCodeProblem,
  normalizeCompanyName,
  projectFieldLabels,
  projectImportFields,
  SignLeadBody,
  type ImportIssue,
} from '@crm/shared';
import type { z } from 'zod';
import type { Ctx } from '../../lib/context.ts';
import * as leadRepo from '../leads/repository.ts';
import { signInTx } from '../projects/service.ts';
import { errorInChinese } from './agent-rows.ts';
import { cellReader, columnsOf } from './cells.ts';
import { inChinese, type Lookups } from './lead-rows.ts';
import { cellText, type SheetRow } from './read.ts';
import * as repo from './repository.ts';

export type ProjectInput = z.infer<typeof SignLeadBody>;
/** A project row: what signLead takes, and the lead it signs (found per chunk by credit code or company name). */
export type ProjectRow = { input: ProjectInput; creditCode: string | null; companyName: string | null; leadId: string | null };
export type CheckedProject = { row: number; issues: ImportIssue[]; value: ProjectRow | null; preview: Record<string, string | null> };

const moneyFields = [
  ['contractInvestmentWan', 'contractInvestmentFen'],
  ['registeredCapitalWan', 'registeredCapitalFen'],
  ['fixedAssetWan', 'plannedFixedAssetInvestmentFen'],
  ['annualOutputWan', 'expectedAnnualOutputFen'],
  ['annualTaxWan', 'expectedAnnualTaxFen'],
] as const;
const fieldOfInput: Record<string, string> = {
  ...Object.fromEntries(moneyFields.map(([f, k]) => [k, f])),
  signedOn: 'signedOn',
  landMu: 'landMu',
  expectedJobs: 'expectedJobs',
  zoneId: 'zone',
  parkId: 'park',
  industryId: 'industry',
  agentId: 'agent',
  notes: 'notes',
};

/**
 * Checks one row of a project sheet: the cells and the CRM's names (zone, park, industry, agent), and turns it into
 * SignLeadBody, the API's own schema for signing. What signing itself refuses (a lead already signed or lost, a
 * future date, a park outside its zone…) is found per chunk by `projectsAgainstCrm`, which runs the signing service.
 */
export class ProjectRowChecker {
  private readonly seen = new Map<string, number>();
  readonly cols: ReturnType<typeof columnsOf>;

  constructor(
    headers: string[],
    mapping: (string | null)[],
    private readonly lookups: Lookups,
  ) {
    this.cols = columnsOf(headers, mapping, projectFieldLabels);
  }

  check({ row, cells }: SheetRow): CheckedProject {
    const issues: ImportIssue[] = [];
    const preview: Record<string, string | null> = {};
    const issue = (field: string, code: ImportIssue['code'], value: string | null, problem: string, fix: string, existingOwner: string | null = null) =>
      issues.push({ row, column: this.cols.columnName(field), field, code, value, problem, fix, existingOwner });
    const { text, date } = cellReader(cells, this.cols.columnOf, issue);
    const has = (field: string) => issues.some((x) => x.field === field);
    for (const f of projectImportFields) preview[f] = this.cols.columnOf.has(f) ? cellText(cells[this.cols.columnOf.get(f) as number]) || null : null;

    let creditCode = text('creditCode');
    if (creditCode) {
      creditCode = creditCode.replace(/\s+/g, '').toUpperCase();
      const problem = creditCodeProblem(creditCode);
      if (problem) {
        issue('creditCode', 'credit_code', creditCode, inChinese(problem), '对照营业执照核对 18 位统一社会信用代码');
        creditCode = null;
      }
    }
    const companyName = text('companyName');
    if (!creditCode && !companyName && !has('creditCode') && !has('companyName'))
      issue(
        this.cols.columnOf.has('creditCode') ? 'creditCode' : 'companyName',
        'required',
        null,
        '统一社会信用代码和企业名称都为空，找不到要签约的线索',
        '填写该项目线索的统一社会信用代码（或企业名称）',
      );

    const signedOn = date('signedOn');
    if (!signedOn && !has('signedOn')) issue('signedOn', 'required', null, '签约日期为空', '填写签约日期，如 2026-11-30');

    const fen: Record<string, number> = {};
    for (const [field, key] of moneyFields) {
      const t = text(field);
      if (!t) {
        if (field === 'contractInvestmentWan' && !has(field)) issue(field, 'required', null, '签约投资为空', '填写以万元计的签约投资额，如 1200');
        continue;
      }
      const r = amountToFen(t, 'wan');
      if ('problem' in r) issue(field, 'money', t, r.problem, '填写以万元计的数字，如 1200 或 1,234.56');
      else fen[key] = r.fen;
    }
    const numberOf = (field: string, whole: boolean) => {
      const t = text(field);
      if (t === null) return undefined;
      const v = Number(t.replace(/[,，\s]/g, ''));
      if (!Number.isFinite(v) || (whole && !Number.isInteger(v))) {
        issue(field, 'invalid', t, whole ? `“${t}”不是整数` : `“${t}”不是数字`, whole ? '填写整数，如 120' : '填写数字，如 35.5');
        return undefined;
      }
      return v;
    };
    const landMu = numberOf('landMu', false);
    const expectedJobs = numberOf('expectedJobs', true);

    const byName = <T>(field: string, map: Map<string, T>, what: string, required: boolean): T | null => {
      const t = text(field);
      if (!t) {
        if (required && !has(field)) issue(field, 'required', null, `${what}为空`, `填写系统中的${what}名称`);
        return null;
      }
      const found = map.get(t);
      if (found === undefined)
        issue(
          field,
          field === 'zone' ? 'unknown_zone' : field === 'industry' ? 'unknown_industry' : 'invalid',
          t,
          `CRM 中没有名为“${t}”的${what}`,
          `改为系统中的${what}名称（${[...map.keys()].slice(0, 5).join('、') || '请管理员先添加'}）`,
        );
      return found ?? null;
    };
    const zoneId = byName('zone', this.lookups.zones, '开发区', true);
    const industryId = byName('industry', this.lookups.industries, '行业', true);
    let parkId: string | null = null;
    const parkText = text('park');
    if (parkText) {
      const candidates = (this.lookups.parks.get(parkText) ?? []).filter((p) => !zoneId || p.zoneId === zoneId);
      if (candidates.length === 1 && candidates[0]) parkId = candidates[0].id;
      else issue('park', 'unknown_park', parkText, `所选开发区内没有名为“${parkText}”的园区`, '改为系统中该开发区下的园区名称，或留空');
    }
    let agentId: string | null | undefined;
    const agentText = text('agent');
    if (agentText) {
      const found = (this.lookups.agents.get(agentText) ?? []).filter((a) => a.status !== 'terminated');
      if (found.length === 1 && found[0]) agentId = found[0].id;
      else
        issue(
          'agent',
          'unknown_agent',
          agentText,
          found.length > 1 ? `有多个名为“${agentText}”的招商代理` : `CRM 中没有名为“${agentText}”的有效招商代理`,
          '改为“招商代理”中登记的名称，或留空（沿用线索的代理）',
        );
    }

    // The same lead twice in the file: by credit code, else by company name.
    const key = creditCode ? `code:${creditCode}` : companyName ? `name:${normalizeCompanyName(companyName)}` : null;
    if (key) {
      const earlier = this.seen.get(key);
      if (earlier !== undefined)
        issue(
          creditCode ? 'creditCode' : 'companyName',
          'duplicate_in_file',
          creditCode ?? companyName,
          `与第 ${earlier} 行是同一线索的项目`,
          '删去重复的一行：一条线索只签约一次',
        );
      else this.seen.set(key, row);
    }

    if (issues.length > 0) return { row, issues, value: null, preview };
    const parsed = SignLeadBody.safeParse({ signedOn, ...fen, landMu, expectedJobs, zoneId, industryId, parkId, agentId, notes: text('notes') });
    if (!parsed.success) {
      for (const z of parsed.error.issues) {
        const field = fieldOfInput[String(z.path[0] ?? '')] ?? 'notes';
        issue(field, 'invalid', preview[field] ?? null, inChinese(z.message), '按提示修改该单元格');
      }
      return { row, issues, value: null, preview };
    }
    return { row, issues, value: { input: parsed.data, creditCode, companyName, leadId: null }, preview };
  }
}

/**
 * The lead each row signs (its credit code, else its company name — the leads' 撞单 keys) and whether it is signed
 * already (a duplicate, reported with the project's owner). With `dryRun`, each remaining row is then signed by the
 * projects service in a savepoint of the caller's transaction, which the caller rolls back: whatever signing
 * refuses is that row's problem, in the report, by the very rules of the sign button.
 */
export async function projectsAgainstCrm(ctx: Ctx, tx: Tx, chunk: CheckedProject[], columnName: (field: string) => string, dryRun: boolean) {
  const withValue = chunk.filter((c) => c.value);
  if (withValue.length === 0) return;
  const found = await leadRepo.findDuplicates(tx, {
    normalizedNames: withValue.flatMap((c) => (c.value!.creditCode || !c.value!.companyName ? [] : [normalizeCompanyName(c.value!.companyName)])),
    creditCodes: withValue.flatMap((c) => (c.value!.creditCode ? [c.value!.creditCode] : [])),
  });
  const byCode = new Map(found.flatMap((f) => (f.creditCode ? [[f.creditCode, f] as const] : [])));
  const byName = new Map(found.map((f) => [f.normalizedName, f]));
  const leadIds = found.map((f) => f.id);
  const signed = leadIds.length ? await repo.projectsOfLeads(tx, leadIds) : [];
  const projectOf = new Map(signed.map((p) => [p.leadId, p]));
  const refuse = (c: CheckedProject, i: Omit<ImportIssue, 'row' | 'column'>) => {
    c.issues.push({ row: c.row, column: columnName(i.field ?? 'creditCode'), ...i });
    c.value = null;
  };
  for (const c of withValue) {
    const v = c.value!;
    const field = v.creditCode ? 'creditCode' : 'companyName';
    const lead = v.creditCode ? byCode.get(v.creditCode) : byName.get(normalizeCompanyName(v.companyName ?? ''));
    if (!lead) {
      refuse(c, {
        field,
        code: 'unknown_lead',
        value: v.creditCode ?? v.companyName,
        problem: `CRM 中没有${v.creditCode ? '该统一社会信用代码' : '该企业名称'}的线索`,
        fix: '项目由线索签约而来：先导入或登记该线索，再导入项目',
        existingOwner: null,
      });
      continue;
    }
    const project = projectOf.get(lead.id);
    if (project) {
      refuse(c, {
        field,
        code: 'duplicate_in_crm',
        value: v.creditCode ?? v.companyName,
        problem: `重复：“${project.name}”已于 ${project.signedOn} 签约，项目负责人 ${project.owner}`,
        fix: '删去这一行；已签约项目的数据请在项目页修改或上报',
        existingOwner: project.owner,
      });
      continue;
    }
    v.leadId = lead.id;
  }
  if (!dryRun) return;
  for (const c of chunk) {
    if (!c.value?.leadId) continue;
    const v = c.value;
    try {
      await tx.transaction((sp) => signInTx(ctx, sp, v.leadId!, v.input).then(() => undefined));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const fields = (error.details as { fields?: { field: string }[] } | undefined)?.fields;
      const field = fieldOfInput[fields?.[0]?.field ?? ''] ?? (v.creditCode ? 'creditCode' : 'companyName');
      refuse(c, {
        field,
        code: 'not_signable',
        value: c.preview[field] ?? null,
        problem: errorInChinese(error),
        fix: '按提示修改这一行，或删去它',
        existingOwner: null,
      });
    }
  }
}

/** Signs each checked row's lead in the import's transaction; any refusal is thrown (the whole import fails). */
export async function writeProjects(ctx: Ctx, tx: Tx, chunk: CheckedProject[], importId: string) {
  for (const c of chunk) await signInTx(ctx, tx, c.value!.leadId!, c.value!.input, { importId });
  return chunk.length;
}
