import { fe } from '../problems/zod-issues.ts';
import { z } from 'zod';
import { Id } from '../common/schemas.ts';

/** Spreadsheet imports (issue 12). Leads first; agents and projects share the same staging and report. */
export const importKinds = ['leads'] as const;
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

export const importStatuses = ['uploaded', 'checked', 'importing', 'done', 'failed'] as const;
export const ImportStatus = z.enum(importStatuses);

export const ImportIssue = z.object({
  /** The sheet's row number (the header row is 1). */
  row: z.number().int(),
  /** The column's header as it is in the file (or the field's name when the column is missing). */
  column: z.string(),
  field: z.string().nullable(),
  code: z.enum(['required', 'credit_code', 'unknown_zone', 'unknown_park', 'unknown_industry', 'unknown_owner', 'owner_not_allowed', 'unknown_agent', 'unknown_channel', 'agent_required', 'formula', 'date', 'money', 'too_long', 'duplicate_in_file', 'duplicate_in_crm', 'encoding']),
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
  mapping: z.array(LeadImportField.nullable()).max(200),
  /** Managers and admins: who gets rows whose 负责人 is empty. Staff always import for themselves. */
  defaultOwnerId: Id.nullish(),
});

/** 渠道 as people write it: the Chinese name, the API's code, or a common short form. */
export const channelNames: Record<string, string> = {
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
