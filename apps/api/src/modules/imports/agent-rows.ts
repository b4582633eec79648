import type { DbOrTx } from '@crm/db';
import {
  agentFieldLabels,
  agentImportFields,
  agentKindNames,
  agentKinds,
  type AppError,
  CreateAgentBody,
  creditCodeProblem,
  normalizeCompanyName,
  problemLanguages,
  renderField,
  renderProblem,
  type ImportIssue,
} from '@crm/shared';
import type { z } from 'zod';
import { cellReader, columnsOf } from './cells.ts';
import { inChinese } from './lead-rows.ts';
import { cellText, type SheetRow } from './read.ts';
import * as repo from './repository.ts';

export type AgentInput = z.infer<typeof CreateAgentBody>;
export type CheckedAgent = { row: number; issues: ImportIssue[]; value: AgentInput | null; preview: Record<string, string | null> };

const yes = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const no = new Set(['否', 'n', 'no', 'false', '0', '']);

/** An AppError as the Chinese sentence the report shows (a field problem as its fields' messages). */
export function errorInChinese(error: AppError): string {
  const zh = problemLanguages['zh-CN'];
  const fields = (error.details as { fields?: { code: string; params?: Record<string, never> }[] } | undefined)?.fields;
  if (error.reason === 'FIELDS_INVALID' && fields?.length) return fields.map((f) => renderField(zh, f.code, f.params)).join('；');
  return renderProblem(zh, error.reason, error.params);
}

/**
 * Checks one row of an agent sheet and turns it into what createAgent takes (CreateAgentBody: the API's limits and
 * the credit code's check digit). Remembers names and credit codes seen, so a second row of the same agent names
 * the first; duplicates against the CRM are checked per chunk by `agentsAgainstCrm`.
 */
export class AgentRowChecker {
  private readonly names = new Map<string, number>();
  private readonly codes = new Map<string, number>();
  private readonly cols: ReturnType<typeof columnsOf>;

  constructor(headers: string[], mapping: (string | null)[]) {
    this.cols = columnsOf(headers, mapping, agentFieldLabels);
  }

  check({ row, cells }: SheetRow): CheckedAgent {
    const issues: ImportIssue[] = [];
    const preview: Record<string, string | null> = {};
    const issue = (field: string, code: ImportIssue['code'], value: string | null, problem: string, fix: string, existingOwner: string | null = null) =>
      issues.push({ row, column: this.cols.columnName(field), field, code, value, problem, fix, existingOwner });
    const { text, date } = cellReader(cells, this.cols.columnOf, issue);
    for (const f of agentImportFields) preview[f] = this.cols.columnOf.has(f) ? cellText(cells[this.cols.columnOf.get(f) as number]) || null : null;

    const name = text('name');
    if (!name && !issues.some((x) => x.field === 'name')) issue('name', 'required', null, '名称为空', '填写代理机构、中介或引荐人的全称');
    const kindText = text('kind');
    const kind = kindText ? (agentKindNames[kindText] ?? (agentKinds as readonly string[]).find((k) => k === kindText)) : undefined;
    if (!kindText && !issues.some((x) => x.field === 'kind')) issue('kind', 'required', null, '类型为空', '填写：招商代理机构、中介、引荐企业 或 个人引荐人');
    else if (kindText && !kind) issue('kind', 'unknown_kind', kindText, `“${kindText}”不是代理类型`, '写成：招商代理机构、中介、引荐企业 或 个人引荐人');

    let creditCode = text('creditCode');
    if (creditCode) {
      creditCode = creditCode.replace(/\s+/g, '').toUpperCase();
      const problem = creditCodeProblem(creditCode);
      if (problem) {
        issue('creditCode', 'credit_code', creditCode, inChinese(problem), '对照营业执照核对 18 位统一社会信用代码；不知道时可留空');
        creditCode = null;
      }
    }
    const flag = (field: 'isGovernmentUnit' | 'isPlatformCompany') => {
      const t = text(field);
      if (t === null) return false;
      const v = t.trim().toLowerCase();
      if (yes.has(v)) return true;
      if (!no.has(v)) issue(field, 'invalid', t, `“${t}”不是“是”或“否”`, '填写“是”或“否”（空白为否）');
      return false;
    };
    const isGovernmentUnit = flag('isGovernmentUnit');
    const isPlatformCompany = flag('isPlatformCompany');
    const agreementTitle = text('agreementTitle');
    const startsOn = date('agreementStartsOn');
    const endsOn = date('agreementEndsOn');
    if ((startsOn || endsOn) && !agreementTitle && !issues.some((x) => x.field === 'agreementTitle'))
      issue('agreementTitle', 'required', null, '有协议日期但协议名称为空', '填写协议名称，或删去协议日期');
    if (agreementTitle && !startsOn && !issues.some((x) => x.field === 'agreementStartsOn'))
      issue('agreementStartsOn', 'required', null, '有协议名称但协议开始日期为空', '填写协议开始日期');

    const normalized = name ? normalizeCompanyName(name) : null;
    if (normalized) {
      const byName = this.names.get(normalized);
      const earlier = byName ?? (creditCode ? this.codes.get(creditCode) : undefined);
      if (earlier !== undefined)
        issue(
          byName !== undefined ? 'name' : 'creditCode',
          'duplicate_in_file',
          byName !== undefined ? name : creditCode,
          `与第 ${earlier} 行是同一代理`,
          '删去重复的一行，或合并两行的信息',
        );
      else {
        this.names.set(normalized, row);
        if (creditCode) this.codes.set(creditCode, row);
      }
    }

    if (issues.length > 0 || !name || !kind) return { row, issues, value: null, preview };
    const parsed = CreateAgentBody.safeParse({
      name,
      kind,
      creditCode,
      contactName: text('contactName'),
      phone: text('phone'),
      email: text('email'),
      isGovernmentUnit,
      isPlatformCompany,
      relatedPartyNote: text('relatedPartyNote'),
      notes: text('notes'),
      agreements: agreementTitle && startsOn ? [{ title: agreementTitle, startsOn, endsOn }] : [],
    });
    if (!parsed.success) {
      for (const z of parsed.error.issues) {
        const key = String(z.path[0] ?? '');
        const field =
          key === 'agreements'
            ? z.path[2] === 'endsOn'
              ? 'agreementEndsOn'
              : z.path[2] === 'startsOn'
                ? 'agreementStartsOn'
                : 'agreementTitle'
            : (agentImportFields as readonly string[]).includes(key)
              ? key
              : 'notes';
        issue(field, 'invalid', preview[field] ?? null, inChinese(z.message), '按提示修改该单元格');
      }
      return { row, issues, value: null, preview };
    }
    return { row, issues, value: parsed.data, preview };
  }
}

/** Every agent's normalised name and credit code with who registered it: agents are few (hundreds), read once. */
export async function loadAgentKeys(db: DbOrTx) {
  const rows = await repo.agentKeyRows(db);
  const byName = new Map<string, { name: string; owner: string }>();
  const byCode = new Map<string, { name: string; owner: string }>();
  for (const r of rows) {
    byName.set(normalizeCompanyName(r.name), { name: r.name, owner: r.owner });
    if (r.creditCode) byCode.set(r.creditCode, { name: r.name, owner: r.owner });
  }
  return { byName, byCode };
}

/** An agent already in the CRM (same normalised name or credit code) refuses the row, naming who registered it. */
export function agentsAgainstCrm(keys: Awaited<ReturnType<typeof loadAgentKeys>>, chunk: CheckedAgent[], columnName: (field: string) => string) {
  for (const c of chunk) {
    const a = c.value;
    if (!a) continue;
    const dupByName = keys.byName.get(normalizeCompanyName(a.name));
    const dup = dupByName ?? (a.creditCode ? keys.byCode.get(a.creditCode) : undefined);
    if (!dup) continue;
    const field = dupByName ? 'name' : 'creditCode';
    c.issues.push({
      row: c.row,
      column: columnName(field),
      field,
      code: 'duplicate_in_crm',
      value: dupByName ? a.name : (a.creditCode ?? null),
      problem: `重复：“${dup.name}”已由 ${dup.owner} 登记${dupByName ? '' : '（统一社会信用代码相同）'}`,
      fix: '删去这一行；如需修改已登记的代理，请在“招商代理”中编辑',
      existingOwner: dup.owner,
    });
    c.value = null;
  }
}
