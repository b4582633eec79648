import type { DbOrTx } from '@crm/db';
import {
  amountToFen,
  channelNames,
  channelsNeedingAgent,
  CreateLeadBody,
  creditCodeProblem,
  leadChannels,
  leadFieldLabels,
  fieldProblemOf,
  problemLanguages,
  renderField,
  normalizeCompanyName,
  importFieldHeadersOf,
  importFieldsOf,
  type ImportIssue,
  type ImportKind,
  type LeadChannel,
  type LeadImportField,
  leadImportFields,
} from '@crm/shared';
import type { z } from 'zod';
import * as leadRepo from '../leads/repository.ts';
import { cellReader } from './cells.ts';
import { cellText, type SheetRow } from './read.ts';
import * as repo from './repository.ts';

/** A field message (its English text carries its code) in Chinese, for the report people read. */
export const inChinese = (message: string): string => {
  const { code, params } = fieldProblemOf({ message });
  return renderField(problemLanguages['zh-CN'], code, params);
};

/** A header as compared: no spaces, full-width brackets as ASCII, lower case. */
const headerForm = (h: string) => h.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();

/** The field each header names, by the names people give these columns (each field once, the first column wins). */
export function suggestMapping(headers: string[], kind: ImportKind = 'leads'): (string | null)[] {
  const taken = new Set<string>();
  const fields = importFieldsOf[kind];
  const names = importFieldHeadersOf[kind];
  return headers.map((h) => {
    const form = headerForm(h);
    if (!form) return null;
    let found = fields.find((f) => !taken.has(f) && (names[f] ?? []).some((name) => headerForm(name) === form)) ?? null;
    // A money column says its unit in its header: "(万元)" or "(元)"; "投资" alone is taken as 元.
    if (!found && kind === 'leads' && /投资/.test(form)) found = /万元|万\)/.test(form) ? 'investmentWan' : 'investmentYuan';
    if (found && taken.has(found)) return null;
    if (found) taken.add(found);
    return found;
  });
}

export type Lookups = {
  zones: Map<string, string>;
  parks: Map<string, { id: string; zoneId: string }[]>;
  industries: Map<string, string>;
  agents: Map<string, { id: string; status: string }[]>;
  /** Active staff and managers by display name and by username (a name two people share is ambiguous). */
  owners: Map<string, { id: string; displayName: string }[]>;
};

const multi = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);

export async function loadLookups(db: DbOrTx): Promise<Lookups> {
  const { zoneRows, parkRows, industryRows, agentRows, userRows } = await repo.lookupRows(db);
  const l: Lookups = { zones: new Map(), parks: new Map(), industries: new Map(), agents: new Map(), owners: new Map() };
  for (const z of zoneRows) l.zones.set(z.name.trim(), z.id);
  for (const p of parkRows) multi(l.parks, p.name.trim(), { id: p.id, zoneId: p.zoneId });
  for (const i of industryRows) l.industries.set(i.name.trim(), i.id);
  for (const a of agentRows) multi(l.agents, a.name.trim(), { id: a.id, status: a.status });
  for (const u of userRows) {
    if (!u.roles.includes('staff') && !u.roles.includes('manager')) continue;
    const who = { id: u.id, displayName: u.displayName };
    multi(l.owners, u.displayName.trim(), who);
    if (u.username !== u.displayName) multi(l.owners, u.username.trim(), who);
  }
  return l;
}

export type LeadRow = z.infer<typeof CreateLeadBody> & { ownerId: string; registeredOn: string | null };

export type Checked = { row: number; issues: ImportIssue[]; lead: LeadRow | null; preview: Record<string, string | null> };

/** Who the rows are imported for: staff import only their own leads; managers and admins name anyone. */
export type OwnerRule = { actorId: string; actorName: string; staffOnly: boolean; defaultOwner: { id: string; displayName: string } | null };

/**
 * Checks one row of a lead sheet against the mapping and the CRM's records and turns it into what createLead takes.
 * Stateful across rows: it remembers the companies seen so far, so a company twice in one file is reported at its
 * second row naming the first. Duplicates against the CRM are checked per chunk by `checkAgainstCrm`.
 */
export class LeadRowChecker {
  private readonly names = new Map<string, number>();
  private readonly codes = new Map<string, number>();
  private readonly columnOf = new Map<LeadImportField, number>();

  constructor(
    private readonly headers: string[],
    mapping: (string | null)[],
    private readonly lookups: Lookups,
    private readonly owner: OwnerRule,
    private readonly todayIs: string,
  ) {
    mapping.forEach((f, i) => {
      if (f && !this.columnOf.has(f as LeadImportField)) this.columnOf.set(f as LeadImportField, i);
    });
  }

  private columnName(field: LeadImportField) {
    const i = this.columnOf.get(field);
    return i === undefined ? leadFieldLabels[field] : this.headers[i] || `第 ${i + 1} 列`;
  }

  check({ row, cells }: SheetRow): Checked {
    const issues: ImportIssue[] = [];
    const preview: Record<string, string | null> = {};
    const issue = (
      field: LeadImportField,
      code: ImportIssue['code'],
      value: string | null,
      problem: string,
      fix: string,
      existingOwner: string | null = null,
    ) => issues.push({ row, column: this.columnName(field), field, code, value, problem, fix, existingOwner });

    // Every mapped cell as text (a formula, an error value or undecodable bytes refused whatever the column) and dates
    // in the sheet's forms: the same reading as the agent and project sheets'.
    const { text, date: dateOf } = cellReader(cells, this.columnOf, (field, code, value, problem, fix, existingOwner) =>
      issue(field as LeadImportField, code, value, problem, fix, existingOwner ?? null),
    );

    for (const f of leadImportFields) preview[f] = this.columnOf.has(f) ? cellText(cells[this.columnOf.get(f) as number]) || null : null;

    const companyName = text('companyName');
    if (!companyName && !issues.some((x) => x.field === 'companyName'))
      issue('companyName', 'required', null, '企业名称为空', '填写企业全称（与营业执照一致）');

    let creditCode = text('creditCode');
    if (creditCode) {
      creditCode = creditCode.replace(/\s+/g, '').toUpperCase();
      const problem = creditCodeProblem(creditCode);
      if (problem) {
        issue('creditCode', 'credit_code', creditCode, inChinese(problem), '对照营业执照核对 18 位统一社会信用代码；不知道时可留空');
        creditCode = null;
      }
    }

    let zoneId: string | null = null;
    let parkId: string | null = null;
    const zoneText = text('zone');
    if (zoneText) {
      zoneId = this.lookups.zones.get(zoneText) ?? null;
      if (!zoneId) {
        // "开发区/园区": a park's name places the lead in the park and its zone.
        const park = this.lookups.parks.get(zoneText);
        if (park?.length === 1 && park[0]) {
          zoneId = park[0].zoneId;
          parkId = park[0].id;
        } else
          issue(
            'zone',
            'unknown_zone',
            zoneText,
            `CRM 中没有名为“${zoneText}”的开发区或园区`,
            `改为系统中的开发区名称（${[...this.lookups.zones.keys()].slice(0, 5).join('、') || '请管理员先在“开发区”中添加'}）`,
          );
      }
    }
    const parkText = text('park');
    if (parkText) {
      const candidates = (this.lookups.parks.get(parkText) ?? []).filter((p) => !zoneId || p.zoneId === zoneId);
      if (candidates.length === 1 && candidates[0]) {
        parkId = candidates[0].id;
        zoneId ??= candidates[0].zoneId;
      } else
        issue(
          'park',
          'unknown_park',
          parkText,
          zoneId ? `所选开发区内没有名为“${parkText}”的园区` : `CRM 中没有名为“${parkText}”的园区`,
          '改为系统中该开发区下的园区名称，或留空',
        );
    }

    let industryId: string | null = null;
    const industryText = text('industry');
    if (industryText) {
      industryId = this.lookups.industries.get(industryText) ?? null;
      if (!industryId)
        issue(
          'industry',
          'unknown_industry',
          industryText,
          `CRM 中没有名为“${industryText}”的行业`,
          `改为系统中的行业名称（${[...this.lookups.industries.keys()].slice(0, 6).join('、') || '请管理员先添加行业'}），或留空`,
        );
    }

    let channel: LeadChannel = 'direct';
    const channelText = text('channel');
    if (channelText) {
      const code = channelNames[channelText] ?? leadChannels.find((c) => c === channelText);
      if (code) channel = code;
      else
        issue(
          'channel',
          'unknown_channel',
          channelText,
          `“${channelText}”不是招商渠道`,
          '写成：产业链招商、网络招商、代理招商、以商招商、委托招商、以人才引项目、专业机构招商、招商活动、自主招商',
        );
    }
    let agentId: string | null = null;
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
          '改为“招商代理”中登记的名称，或先登记该代理',
        );
    }
    if (channelsNeedingAgent.includes(channel) && !agentId && !agentText)
      issue('agent', 'agent_required', null, `渠道“${channelText}”须经招商代理`, '在“招商代理”列填写代理名称，或改为其他渠道');

    let estimatedInvestmentFen = 0;
    for (const [field, unit] of [
      ['investmentWan', 'wan'],
      ['investmentYuan', 'yuan'],
    ] as const) {
      const t = text(field);
      if (!t) continue;
      const r = amountToFen(t, unit);
      if ('problem' in r)
        issue(field, 'money', t, r.problem, unit === 'wan' ? '填写以万元计的数字，如 1200 或 1,234.56' : '填写以元计的数字，如 12000000 或 1,234.56');
      else estimatedInvestmentFen = r.fen;
    }

    let ownerId = this.owner.defaultOwner?.id ?? null;
    const ownerText = text('owner');
    if (ownerText) {
      const found = this.lookups.owners.get(ownerText) ?? [];
      const who = found.length === 1 ? found[0] : undefined;
      if (!who) {
        issue(
          'owner',
          'unknown_owner',
          ownerText,
          found.length > 1 ? `有多位用户叫“${ownerText}”` : `没有名为“${ownerText}”的在职招商人员或管理人员`,
          found.length > 1 ? '改填其登录用户名' : '改为系统中用户的姓名或用户名，或留空（归入默认负责人）',
        );
      } else if (this.owner.staffOnly && who.id !== this.owner.actorId) {
        issue(
          'owner',
          'owner_not_allowed',
          ownerText,
          `招商人员只能导入自己的线索，不能导入到“${ownerText}”名下`,
          '删去这一行或把负责人改为自己；为他人导入请由管理人员操作',
        );
      } else ownerId = who.id;
    } else if (!ownerId) {
      issue('owner', 'unknown_owner', null, '负责人为空，且未选择默认负责人', '填写负责人，或在映射步骤中选择默认负责人');
    }

    const registeredOn = dateOf('registeredOn');
    if (registeredOn && registeredOn > this.todayIs)
      issue('registeredOn', 'date', registeredOn, `登记日期 ${registeredOn} 晚于今天`, '登记日期只能是今天或以前');
    const nextFollowUpOn = dateOf('nextFollowUpOn');
    const contactName = text('contactName');
    const contactPhone = text('contactPhone');
    const notes = text('notes');

    // 撞单 inside the file: the same normalised name or credit code as an earlier row.
    const normalized = companyName ? normalizeCompanyName(companyName) : null;
    if (normalized) {
      const earlier = this.names.get(normalized) ?? (creditCode ? this.codes.get(creditCode) : undefined);
      if (earlier !== undefined)
        issue(
          this.names.has(normalized) ? 'companyName' : 'creditCode',
          'duplicate_in_file',
          companyName,
          `与第 ${earlier} 行是同一家企业（撞单）`,
          '删去重复的一行，或合并两行的信息',
        );
      else {
        this.names.set(normalized, row);
        if (creditCode) this.codes.set(creditCode, row);
      }
    }

    if (issues.length > 0 || !companyName || !ownerId) return { row, issues, lead: null, preview };
    const input = {
      companyName,
      creditCode,
      industryId,
      zoneId,
      parkId,
      channel,
      agentId,
      estimatedInvestmentFen,
      contacts: contactName || contactPhone ? [{ name: contactName ?? '联系人', phone: contactPhone }] : [],
      notes,
      nextFollowUpOn,
    };
    // The same limits as a lead typed in by hand (lengths, the agent rule): whatever the checks above let through.
    const parsed = CreateLeadBody.safeParse(input);
    if (!parsed.success) {
      for (const z of parsed.error.issues) {
        const key = String(z.path[0] ?? '');
        const field: LeadImportField =
          key === 'contacts'
            ? z.path[2] === 'phone'
              ? 'contactPhone'
              : 'contactName'
            : (leadImportFields as readonly string[]).includes(key)
              ? (key as LeadImportField)
              : 'notes';
        issue(field, 'too_long', preview[field] ?? null, inChinese(z.message), '缩短该单元格的内容');
      }
      return { row, issues, lead: null, preview };
    }
    return { row, issues, lead: { ...parsed.data, ownerId, registeredOn }, preview };
  }
}

/** 撞单 against the CRM for a chunk of checked rows: the same rule as creating a lead (name or credit code). */
export async function checkAgainstCrm(db: DbOrTx, chunk: Checked[], headers: string[], mapping: (string | null)[]) {
  const withLead = chunk.filter((c) => c.lead);
  if (withLead.length === 0) return;
  const names = withLead.map((c) => normalizeCompanyName(c.lead!.companyName));
  const codes = withLead.flatMap((c) => (c.lead!.creditCode ? [c.lead!.creditCode] : []));
  const found = await leadRepo.findDuplicates(db, { normalizedNames: names, creditCodes: codes });
  if (found.length === 0) return;
  const byName = new Map(found.map((f) => [f.normalizedName, f]));
  const byCode = new Map(found.flatMap((f) => (f.creditCode ? [[f.creditCode, f] as const] : [])));
  const column = (field: LeadImportField) => {
    const i = mapping.indexOf(field);
    return i < 0 ? leadFieldLabels[field] : headers[i] || `第 ${i + 1} 列`;
  };
  for (const c of withLead) {
    const lead = c.lead!;
    const dupByName = byName.get(normalizeCompanyName(lead.companyName));
    const dup = dupByName ?? (lead.creditCode ? byCode.get(lead.creditCode) : undefined);
    if (!dup) continue;
    const field: LeadImportField = dupByName ? 'companyName' : 'creditCode';
    c.issues.push({
      row: c.row,
      column: column(field),
      field,
      code: 'duplicate_in_crm',
      value: dupByName ? lead.companyName : (lead.creditCode ?? null),
      problem: `撞单：${dup.companyName} 已是 ${dup.ownerName} 的线索${dup.stage === 'signed' ? '（已签约）' : ''}${dupByName ? '' : '（统一社会信用代码相同）'}`,
      fix: '删去这一行；如需跟进请联系该负责人或管理人员，保护期满后可从公海认领',
      existingOwner: dup.ownerName,
    });
    c.lead = null;
  }
}
