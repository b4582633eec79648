import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { Id } from '../common/schemas.ts';
import type { LeadChannel } from '../leads/schemas.ts';

/** Spreadsheet imports (issue 12): leads, agents (中介/招商代理) and projects share the same staging and report. */
export const importKinds = ['leads', 'agents', 'projects'] as const;
export const ImportKind = z.enum(importKinds, fe('ONE_OF', { values: importKinds.join(', ') }));
export type ImportKind = z.infer<typeof ImportKind>;

/** At most this many bytes per uploaded file (about 200,000 lead rows of a typical sheet). */
export const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
/** The first problems kept with an import (and in its report); the count is always exact. */
export const MAX_STORED_ISSUES = 5000;

/** What a column of a lead sheet can be imported as. */
export const leadImportFields = [
  'companyName',
  'creditCode',
  'contactName',
  'contactPhone',
  'industry',
  'zone',
  'park',
  'channel',
  'agent',
  'investmentWan',
  'investmentYuan',
  'owner',
  'registeredOn',
  'nextFollowUpOn',
  'notes',
] as const;
export const LeadImportField = z.enum(leadImportFields);
export type LeadImportField = z.infer<typeof LeadImportField>;
export const requiredLeadImportFields: readonly LeadImportField[] = ['companyName'];

/** How people head these columns in their own sheets; the first name is the template's. */
export const leadFieldHeaders: Record<LeadImportField, readonly string[]> = {
  companyName: ['企业名称', '公司名称', '企业', '单位名称', '项目单位', 'company name', 'company'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', 'credit code'],
  contactName: ['联系人', '联系人姓名', '对接人', 'contact'],
  contactPhone: ['电话', '联系电话', '手机', '手机号', '联系方式', 'phone'],
  industry: ['行业', '所属行业', '产业', 'industry'],
  zone: ['开发区/园区', '开发区', '所属开发区', '落地开发区', 'zone'],
  park: ['园区', '所属园区', 'park'],
  channel: ['渠道', '招商渠道', '来源渠道', 'channel'],
  agent: ['招商代理', '代理', '中介', '代理机构', 'agent'],
  investmentWan: ['预计投资(万元)', '预计投资（万元）', '投资额(万元)', '计划投资(万元)', '预计投资额(万元)'],
  investmentYuan: ['预计投资(元)', '预计投资（元）', '投资额(元)', '预计投资', '投资额'],
  owner: ['负责人', '招商人员', '跟进人', '经办人', 'owner'],
  registeredOn: ['登记日期', '录入日期', '创建日期', '登记时间', 'registered on'],
  nextFollowUpOn: ['下次跟进日期', '下次跟进', 'next follow-up'],
  notes: ['备注', '说明', 'notes'],
};

/** The Chinese name of each field, for the mapping screen, the report and the template. */
export const leadFieldLabels: Record<LeadImportField, string> = {
  companyName: '企业名称',
  creditCode: '统一社会信用代码',
  contactName: '联系人',
  contactPhone: '电话',
  industry: '行业',
  zone: '开发区/园区',
  park: '园区',
  channel: '渠道',
  agent: '招商代理',
  investmentWan: '预计投资(万元)',
  investmentYuan: '预计投资(元)',
  owner: '负责人',
  registeredOn: '登记日期',
  nextFollowUpOn: '下次跟进日期',
  notes: '备注',
};

/** What a column of an agent sheet can be imported as (CreateAgentBody's fields, plus one agreement). */
export const agentImportFields = [
  'name',
  'kind',
  'creditCode',
  'contactName',
  'phone',
  'email',
  'isGovernmentUnit',
  'isPlatformCompany',
  'relatedPartyNote',
  'agreementTitle',
  'agreementStartsOn',
  'agreementEndsOn',
  'notes',
] as const;
export type AgentImportField = (typeof agentImportFields)[number];
export const requiredAgentImportFields: readonly AgentImportField[] = ['name', 'kind'];
export const agentFieldHeaders: Record<AgentImportField, readonly string[]> = {
  name: ['名称', '代理名称', '中介名称', '机构名称', '招商代理', 'name'],
  kind: ['类型', '代理类型', '中介类型', 'kind', 'type'],
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', 'credit code'],
  contactName: ['联系人', '联系人姓名', 'contact'],
  phone: ['电话', '联系电话', '手机', '手机号', 'phone'],
  email: ['邮箱', '电子邮箱', 'email'],
  isGovernmentUnit: ['政府单位', '是否政府单位'],
  isPlatformCompany: ['平台公司', '是否平台公司'],
  relatedPartyNote: ['关联关系', '关联方说明'],
  agreementTitle: ['协议名称', '委托协议', '协议'],
  agreementStartsOn: ['协议开始日期', '协议起始日期', '开始日期'],
  agreementEndsOn: ['协议结束日期', '协议到期日期', '结束日期'],
  notes: ['备注', '说明', 'notes'],
};
export const agentFieldLabels: Record<AgentImportField, string> = {
  name: '名称',
  kind: '类型',
  creditCode: '统一社会信用代码',
  contactName: '联系人',
  phone: '电话',
  email: '邮箱',
  isGovernmentUnit: '政府单位',
  isPlatformCompany: '平台公司',
  relatedPartyNote: '关联关系',
  agreementTitle: '协议名称',
  agreementStartsOn: '协议开始日期',
  agreementEndsOn: '协议结束日期',
  notes: '备注',
};
/** 类型 as people write it: the label, the API's code, or a short form. */
export const agentKindNames: Record<string, string> = {
  招商代理机构: 'agency',
  代理机构: 'agency',
  招商代理: 'agency',
  中介: 'intermediary',
  中介机构: 'intermediary',
  '引荐企业(以商招商)': 'enterprise',
  引荐企业: 'enterprise',
  企业: 'enterprise',
  个人引荐人: 'individual',
  个人: 'individual',
};

/**
 * What a column of a project sheet can be imported as: SignLeadBody's fields (a project is a signed lead, so the
 * row names its lead by credit code or company name), money in 万元.
 */
export const projectImportFields = [
  'creditCode',
  'companyName',
  'signedOn',
  'contractInvestmentWan',
  'registeredCapitalWan',
  'fixedAssetWan',
  'landMu',
  'annualOutputWan',
  'annualTaxWan',
  'expectedJobs',
  'zone',
  'park',
  'industry',
  'agent',
  'notes',
] as const;
export type ProjectImportField = (typeof projectImportFields)[number];
export const requiredProjectImportFields: readonly ProjectImportField[] = ['signedOn', 'contractInvestmentWan', 'zone', 'industry'];
export const projectFieldHeaders: Record<ProjectImportField, readonly string[]> = {
  creditCode: ['统一社会信用代码', '信用代码', '社会信用代码', 'credit code'],
  companyName: ['企业名称', '公司名称', '项目单位', '线索', 'company name'],
  signedOn: ['签约日期', '签约时间', 'signed on'],
  contractInvestmentWan: ['签约投资(万元)', '合同投资(万元)', '签约投资额(万元)', '合同投资额(万元)', '总投资(万元)'],
  registeredCapitalWan: ['注册资本(万元)'],
  fixedAssetWan: ['计划固定资产投资(万元)', '固定资产投资(万元)'],
  landMu: ['用地(亩)', '用地面积(亩)', '用地'],
  annualOutputWan: ['预计年产值(万元)', '年产值(万元)'],
  annualTaxWan: ['预计年税收(万元)', '年税收(万元)'],
  expectedJobs: ['预计就业(人)', '预计就业', '就业人数'],
  zone: ['开发区', '所属开发区', '落地开发区', 'zone'],
  park: ['园区', '所属园区', 'park'],
  industry: ['行业', '所属行业', '产业', 'industry'],
  agent: ['招商代理', '代理', '中介', 'agent'],
  notes: ['备注', '说明', 'notes'],
};
export const projectFieldLabels: Record<ProjectImportField, string> = {
  creditCode: '统一社会信用代码',
  companyName: '企业名称',
  signedOn: '签约日期',
  contractInvestmentWan: '签约投资(万元)',
  registeredCapitalWan: '注册资本(万元)',
  fixedAssetWan: '计划固定资产投资(万元)',
  landMu: '用地(亩)',
  annualOutputWan: '预计年产值(万元)',
  annualTaxWan: '预计年税收(万元)',
  expectedJobs: '预计就业(人)',
  zone: '开发区',
  park: '园区',
  industry: '行业',
  agent: '招商代理',
  notes: '备注',
};

/** Per kind: the fields, which must be mapped, how people head them and their Chinese names. */
export const importFieldsOf: Record<ImportKind, readonly string[]> = { leads: leadImportFields, agents: agentImportFields, projects: projectImportFields };
export const requiredImportFieldsOf: Record<ImportKind, readonly string[]> = {
  leads: requiredLeadImportFields,
  agents: requiredAgentImportFields,
  projects: requiredProjectImportFields,
};
export const importFieldHeadersOf: Record<ImportKind, Record<string, readonly string[]>> = {
  leads: leadFieldHeaders,
  agents: agentFieldHeaders,
  projects: projectFieldHeaders,
};
export const importFieldLabelsOf: Record<ImportKind, Record<string, string>> = {
  leads: leadFieldLabels,
  agents: agentFieldLabels,
  projects: projectFieldLabels,
};

export const importStatuses = ['uploaded', 'checked', 'importing', 'done', 'failed'] as const;
export const ImportStatus = z.enum(importStatuses);

export const ImportIssue = z.object({
  /** The sheet's row number (the header row is 1). */
  row: z.number().int(),
  /** The column's header as it is in the file (or the field's name when the column is missing). */
  column: z.string(),
  field: z.string().nullable(),
  code: z.enum([
    'required',
    'credit_code',
    'unknown_zone',
    'unknown_park',
    'unknown_industry',
    'unknown_owner',
    'owner_not_allowed',
    'unknown_agent',
    'unknown_channel',
    'agent_required',
    'formula',
    'date',
    'money',
    'too_long',
    'duplicate_in_file',
    'duplicate_in_crm',
    'encoding',
    'unknown_kind',
    'unknown_lead',
    'not_signable',
    'invalid',
  ]),
  value: z.string().nullable(),
  /** What is wrong and how to fix it, in Chinese (the people fixing sheets read Chinese). */
  problem: z.string(),
  fix: z.string(),
  /** For 撞单: who has the company already. */
  existingOwner: z.string().nullable(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportPreviewRow = z.object({ row: z.number().int(), values: z.record(z.string(), z.string().nullable()), refused: z.boolean() });

export const DataImport = z.object({
  id: Id,
  kind: ImportKind,
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().nullable(),
  sizeBytes: z.number().int(),
  status: ImportStatus,
  headers: z.array(z.string()),
  mapping: z.array(z.string().nullable()),
  /** remembered: the mapping last saved for this header row; suggested: guessed from the headers; chosen: saved now. */
  mappingSource: z.enum(['remembered', 'suggested', 'chosen']),
  defaultOwnerId: Id.nullable(),
  defaultOwnerName: z.string().nullable(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  refusedRows: z.number().int(),
  importedRows: z.number().int(),
  /** Rows written so far while importing (this instance's progress; equals importedRows when done). */
  processedRows: z.number().int(),
  issues: z.array(ImportIssue),
  issueCount: z.number().int(),
  preview: z.array(ImportPreviewRow),
  /** Why the import failed, as a problem of the catalogues (packages/shared/src/problems): the screen renders it in its language. */
  errorReason: z.string().nullable(),
  errorParams: z.record(z.string(), z.unknown()).nullable(),
  /** The same, rendered in English (for API clients that show text). */
  error: z.string().nullable(),
  createdBy: Id,
  createdByName: z.string(),
  createdAt: z.string(),
  checkedAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type DataImport = z.infer<typeof DataImport>;
export const DataImportSummary = DataImport.omit({ issues: true, preview: true, headers: true, mapping: true });
export type DataImportSummary = z.infer<typeof DataImportSummary>;

export const UploadImportQuery = z.object({ kind: ImportKind.default('leads') });
export const TemplateQuery = z.object({ kind: ImportKind.default('leads') });
export const ImportListQuery = z.object({ kind: ImportKind.optional() });

export const MappingBody = z.object({
  /** One field of the import's kind (or null) per column; the fields are checked against the kind. */
  mapping: z.array(z.string().max(64).nullable()).max(200),
  /** Managers and admins: who gets rows whose 负责人 is empty. Staff always import for themselves. */
  defaultOwnerId: Id.nullish(),
});

/** 渠道 as people write it: the Chinese name, the API's code, or a common short form. */
export const channelNames: Record<string, LeadChannel> = {
  产业链招商: 'industry_chain',
  产业链: 'industry_chain',
  网络招商: 'online',
  网络: 'online',
  代理招商: 'agency',
  以商招商: 'business_referral',
  委托招商: 'commissioned',
  以人才引项目: 'talent',
  人才招商: 'talent',
  专业机构招商: 'professional_agency',
  招商活动: 'event',
  活动: 'event',
  自主招商: 'direct',
  上门: 'direct',
  自主: 'direct',
};
