/**
 * Labels for codes people read: audit actions, entity types and field names, and the enums that appear in lists and
 * exports (stage, channel, milestone, status…). Chinese first, English second. A plain typed map on purpose — the
 * browser shows them and the API writes them into spreadsheets, and they can move into i18next resources later
 * without changing their shape (`{ zh, en }` per code). A code without a label is shown as the code (never hidden).
 */
import { formatFen } from './money.ts';
import { zoneDateTime } from './time/zone-time.ts';

export type Label = { zh: string; en: string };
export type Lang = 'zh' | 'en';
const L = (zh: string, en: string): Label => ({ zh, en });

/** The enums of the domain. Keys match the codes the API stores and sends. */
export const enumLabels = {
  stage: {
    new: L('新线索', 'New'),
    contacted: L('初步接洽', 'Contacted'),
    visited: L('考察', 'Visited'),
    negotiating: L('洽谈', 'Negotiating'),
    signed: L('签约', 'Signed'),
    lost: L('流失', 'Lost'),
  },
  channel: {
    industry_chain: L('产业链招商', 'Industry chain'),
    online: L('网络招商', 'Online'),
    agency: L('代理招商', 'Agency'),
    business_referral: L('以商招商', 'Business referral'),
    commissioned: L('委托招商', 'Commissioned'),
    talent: L('以人才引项目', 'Talent'),
    professional_agency: L('专业机构招商', 'Professional agency'),
    event: L('招商活动', 'Event'),
    direct: L('自主招商', 'Direct'),
  },
  milestone: {
    signed: L('签约', 'Signed'),
    registered: L('注册', 'Registered'),
    land_acquired: L('供地', 'Land acquired'),
    construction_started: L('开工', 'Construction started'),
    in_production: L('投产', 'In production'),
    at_capacity: L('达产', 'At capacity'),
  },
  agentKind: {
    agency: L('招商代理机构', 'Agency'),
    intermediary: L('中介', 'Intermediary'),
    enterprise: L('引荐企业(以商招商)', 'Enterprise'),
    individual: L('个人引荐人', 'Individual'),
  },
  agentStatus: { active: L('合作中', 'Active'), suspended: L('暂停', 'Suspended'), terminated: L('已终止', 'Terminated') },
  calcStatus: {
    draft: L('草稿', 'Draft'),
    submitted: L('待审批', 'Submitted'),
    approved: L('已批准', 'Approved'),
    rejected: L('已驳回', 'Rejected'),
    paid: L('已支付', 'Paid'),
    superseded: L('已被取代', 'Superseded'),
  },
  rewardKind: {
    agent_reward: L('引进项目奖励', 'Agent reward'),
    staff_incentive: L('个人考核激励', 'Staff incentive'),
    service_fee: L('购买招商服务', 'Service fee'),
  },
  payeeType: { agent: L('代理/机构', 'Agent'), staff: L('员工', 'Staff') },
  role: { staff: L('招商专员', 'Staff'), manager: L('管理人员', 'Manager'), finance: L('财务', 'Finance'), admin: L('系统管理员', 'Admin') },
  zoneLevel: { national: L('国家级', 'National'), provincial: L('省级', 'Provincial'), municipal: L('市级', 'Municipal') },
  chainPosition: { upstream: L('上游', 'Upstream'), midstream: L('中游', 'Midstream'), downstream: L('下游', 'Downstream') },
  activityKind: {
    visit: L('外出拜访', 'Visit'),
    inspection: L('来访考察', 'Inspection'),
    call: L('电话', 'Call'),
    meeting: L('会谈', 'Meeting'),
    event: L('招商活动', 'Event'),
  },
  warning: { red: L('红色预警', 'Red'), yellow: L('黄色预警', 'Yellow'), green: L('正常', 'Normal') },
  figureKind: {
    actual_fixed_asset_investment: L('实际固定资产投资', 'Actual fixed-asset investment'),
    actual_paid_in: L('实际到位资金', 'Actual paid-in'),
    annual_output: L('年产值', 'Annual output'),
    annual_tax: L('年税收', 'Annual tax'),
    contract_investment: L('合同投资额', 'Contract investment'),
  },
  creditRole: {
    first_contact: L('首次接触', 'First contact'),
    owner: L('负责人', 'Owner'),
    negotiator: L('谈判', 'Negotiator'),
    service: L('服务', 'Service'),
  },
  clockPhase: {
    respond: L('响应', 'Respond'),
    judge: L('研判', 'Judge'),
    feedback: L('反馈', 'Feedback'),
    report: L('跟进汇报', 'Report'),
    done: L('已完成', 'Done'),
  },
  period: { month: L('月度', 'Monthly'), quarter: L('季度', 'Quarterly'), year: L('年度', 'Yearly') },
  projectKind: { new: L('新建', 'New'), expansion: L('增资扩产', 'Expansion / capital increase'), tech_upgrade: L('技改', 'Technical upgrade') },
  approvalStatus: {
    submitted: L('已申报', 'Submitted'),
    accepted: L('已受理', 'Accepted'),
    approved: L('已批准', 'Approved'),
    rejected: L('不予批准', 'Rejected'),
  },
  acceptance: {
    complete: L('受理', 'Complete'),
    deficient: L('容缺受理', 'Accepted with documents owed (容缺)'),
    commitment: L('告知承诺', 'By commitment (告知承诺)'),
  },
} satisfies Record<string, Record<string, Label>>;
export type EnumName = keyof typeof enumLabels;

/** Every audit action the services write (a test checks the API's source against this list). */
export const auditActionLabels = {
  'auth.login': L('登录', 'Signed in'),
  'auth.logout': L('退出登录', 'Signed out'),
  'auth.login_failed': L('登录失败', 'Failed sign-in'),
  'auth.locked': L('账户锁定', 'Account locked'),
  'auth.refresh_reuse': L('会话令牌重复使用', 'Refresh token reused'),
  'user.bootstrap': L('初始化管理员', 'First admin created'),
  'user.create': L('新建用户', 'User created'),
  'user.update': L('修改用户', 'User updated'),
  'user.update+password': L('修改用户并重置密码', 'User updated, password reset'),
  'user.unlock': L('解锁用户', 'User unlocked'),
  'user.password_change': L('修改密码', 'Password changed'),
  'user.industries': L('关注产业', 'Followed industries'),
  'lead.create': L('登记线索', 'Lead created'),
  'lead.update': L('修改线索', 'Lead updated'),
  'lead.stage': L('变更阶段', 'Stage changed'),
  'lead.claim': L('认领线索', 'Lead claimed'),
  'lead.reassign': L('分配线索', 'Lead reassigned'),
  'lead.sign': L('签约', 'Lead signed'),
  'lead.attach': L('上传附件', 'Attachment added'),
  'lead.report_later': L('补报企业', 'Late company report'),
  'lead.judge': L('研判', 'Lead judged'),
  'lead.feedback': L('反馈', 'Feedback given'),
  'dispute.raise': L('提出争议', 'Dispute raised'),
  'dispute.settle': L('裁定争议', 'Dispute settled'),
  'activity.create': L('记录跟进', 'Activity recorded'),
  'project.create': L('新建项目', 'Project created'),
  'project.update': L('修改项目', 'Project updated'),
  'project.milestone': L('记录里程碑', 'Milestone recorded'),
  'project.figure.report': L('上报数据', 'Figure reported'),
  'project.figure.verify': L('核实数据', 'Figure verified'),
  'project.credits': L('业绩分配', 'Credits set'),
  'project.expansion': L('登记增资扩产', 'Expansion registered'),
  'project.transfer': L('项目转区', 'Moved to another zone'),
  'approval_kind.create': L('新建审批事项类型', 'Approval item kind created'),
  'approval_kind.update': L('修改审批事项类型', 'Approval item kind updated'),
  'approval.submit': L('申报审批事项', 'Approval item submitted'),
  'approval.accept': L('受理审批事项', 'Approval item accepted'),
  'approval.documents': L('补齐容缺材料', 'Missing documents supplied'),
  'approval.decide': L('审批办结', 'Approval item decided'),
  'agent.create': L('新建代理', 'Agent created'),
  'agent.update': L('修改代理', 'Agent updated'),
  'agent.eligibility': L('代理资格变更', 'Agent eligibility changed'),
  'zone.create': L('新建开发区', 'Zone created'),
  'zone.update': L('修改开发区', 'Zone updated'),
  'zone.clock_rules': L('时限规则', 'Clock rules set'),
  'zone_target.set': L('设定目标', 'Target set'),
  'indicator_target.set': L('设定指标目标', 'Indicator target set'),
  'indicator_actual.set': L('填报指标实际值', 'Indicator actual entered'),
  'park.create': L('新建园区', 'Park created'),
  'industry.create': L('新建产业', 'Industry created'),
  'industry.update': L('修改产业', 'Industry updated'),
  'chain_node.create': L('新建产业链环节', 'Chain node created'),
  'calendar.set': L('设置工作日历', 'Calendar day set'),
  'calendar.remove': L('删除工作日历', 'Calendar day removed'),
  'policy.create': L('新建政策', 'Policy created'),
  'policy.version.create': L('新增政策版本', 'Policy version added'),
  'service_fee_contract.create': L('新建服务费合同', 'Service-fee contract created'),
  'service_fee.compute': L('核算服务费', 'Service fee computed'),
  'reward.compute': L('核算奖励', 'Reward computed'),
  'reward.compute+supersede': L('重新核算奖励', 'Reward recomputed'),
  'reward.submit': L('提交审批', 'Submitted for approval'),
  'reward.approve': L('批准', 'Approved'),
  'reward.reject': L('驳回', 'Rejected'),
  'reward.pay': L('支付', 'Paid'),
  'policy.notice': L('设置公示', 'Public notice settings changed'),
  'reward.objection.raise': L('提出公示异议', 'Objection raised'),
  'reward.objection.resolve': L('处理公示异议', 'Objection resolved'),
  'reward.recovery.flag': L('登记追回', 'Overpayment flagged for recovery'),
  'reward.recovery.instalment': L('追回到账', 'Recovered instalment recorded'),
  'scheme.create': L('新建考核方案', 'Scoring scheme created'),
  'scheme.update': L('修改考核方案', 'Scoring scheme updated'),
  'performance.close': L('绩效结账', 'Period closed'),
  'bottom_flag.appeal': L('末位申诉', 'Bottom flag appealed'),
  'bottom_flag.decide': L('裁定末位申诉', 'Bottom flag appeal decided'),
  'import.upload': L('上传导入文件', 'Import file uploaded'),
  'import.check': L('检查导入文件', 'Import checked'),
  'import.run': L('导入数据', 'Import run'),
  'import.interrupted': L('导入中断（重启时标为失败）', 'Import interrupted (failed on restart)'),
  'saved_view.create': L('保存视图', 'Saved view created'),
  'saved_view.update': L('修改视图', 'Saved view updated'),
  'saved_view.delete': L('删除视图', 'Saved view deleted'),
  'pay_pool.create': L('保存绩效工资', 'Performance pay saved'),
  'pay_pool.recompute': L('重算绩效工资', 'Performance pay recomputed'),
  'pay_pool.approve': L('审批绩效工资', 'Performance pay approved'),
  'pay_pool.file': L('绩效工资备案', 'Performance pay filed'),
  'event.create': L('新建招商活动', 'Event created'),
  'event.update': L('修改招商活动', 'Event updated'),
  'weekly.submit': L('提交周报', 'Weekly report submitted'),
  'export.all': L('导出全部数据', 'Full export'),
  'demo.load': L('载入演示数据', 'Demo data loaded'),
} as const satisfies Record<string, Label>;
export type AuditAction = keyof typeof auditActionLabels;
export const auditActions = Object.keys(auditActionLabels) as AuditAction[];

export const auditEntityTypeLabels = {
  lead: L('线索', 'Lead'),
  project: L('项目', 'Project'),
  agent: L('代理', 'Agent'),
  user: L('用户', 'User'),
  zone: L('开发区', 'Zone'),
  industry: L('产业', 'Industry'),
  policy: L('奖励政策', 'Policy'),
  reward_calculation: L('奖励核算', 'Reward calculation'),
  service_fee_contract: L('服务费合同', 'Service-fee contract'),
  scoring_scheme: L('考核方案', 'Scoring scheme'),
  performance_period: L('考核期', 'Performance period'),
  bottom_flag: L('末位标记', 'Bottom flag'),
  pay_pool: L('绩效工资', 'Performance pay'),
  saved_view: L('保存的视图', 'Saved view'),
  data_import: L('数据导入', 'Data import'),
  promotion_event: L('招商活动', 'Promotion event'),
  weekly_report: L('周报', 'Weekly report'),
  calendar: L('工作日历', 'Work calendar'),
  approval_item: L('审批事项', 'Approval item'),
  approval_item_kind: L('审批事项类型', 'Approval item kind'),
  system: L('系统', 'System'),
} as const satisfies Record<string, Label>;
export type AuditEntityType = keyof typeof auditEntityTypeLabels;
export const auditEntityTypes = Object.keys(auditEntityTypeLabels) as AuditEntityType[];

/** Field names as they appear in the before/after of audit entries. */
export const auditFieldLabels: Record<string, Label> = {
  id: L('编号', 'ID'),
  name: L('名称', 'Name'),
  title: L('标题', 'Title'),
  companyName: L('企业名称', 'Company'),
  creditCode: L('统一社会信用代码', 'Credit code'),
  stage: L('阶段', 'Stage'),
  channel: L('招商渠道', 'Channel'),
  ownerId: L('负责人', 'Owner'),
  agentId: L('代理', 'Agent'),
  zoneId: L('开发区', 'Zone'),
  parkId: L('园区', 'Park'),
  industryId: L('产业', 'Industry'),
  industryIds: L('关注产业', 'Industries'),
  leadingIndustryIds: L('主导产业', 'Leading industries'),
  chainNodeId: L('产业链环节', 'Chain node'),
  projectId: L('项目', 'Project'),
  projectKind: L('项目类型', 'Project kind'),
  parentProjectId: L('原项目', 'First project'),
  projectCompanyName: L('项目公司', 'Project company'),
  projectCompanyCreditCode: L('项目公司信用代码', 'Project company credit code'),
  taxpayerName: L('纳税主体', 'Taxpayer'),
  taxpayerCreditCode: L('纳税主体信用代码', 'Taxpayer credit code'),
  acceptance: L('受理方式', 'Acceptance'),
  missingDocuments: L('容缺材料', 'Missing documents'),
  statutoryWorkingDays: L('法定时限(工作日)', 'Statutory working days'),
  targetWorkingDays: L('承诺时限(工作日)', 'Target working days'),
  leadId: L('线索', 'Lead'),
  policyId: L('政策', 'Policy'),
  contractId: L('合同', 'Contract'),
  estimatedInvestmentFen: L('预计投资额', 'Estimated investment'),
  contractInvestmentFen: L('合同投资额', 'Contract investment'),
  verifiedContractInvestmentFen: L('核实合同投资额', 'Verified contract investment'),
  registeredCapitalFen: L('注册资本', 'Registered capital'),
  plannedFixedAssetInvestmentFen: L('计划固定资产投资', 'Planned fixed-asset investment'),
  expectedAnnualOutputFen: L('预计年产值', 'Expected annual output'),
  expectedAnnualTaxFen: L('预计年税收', 'Expected annual tax'),
  expectedJobs: L('预计就业', 'Expected jobs'),
  landMu: L('用地(亩)', 'Land (mu)'),
  landApprovedOn: L('用地批准日期', 'Land approved on'),
  amountFen: L('金额', 'Amount'),
  dueFen: L('应付金额', 'Amount due'),
  feeFen: L('服务费', 'Fee'),
  totalFen: L('合计', 'Total'),
  costFen: L('费用', 'Cost'),
  value: L('数值', 'Value'),
  target: L('目标', 'Target'),
  metric: L('指标', 'Metric'),
  year: L('年度', 'Year'),
  status: L('状态', 'Status'),
  kind: L('类型', 'Kind'),
  level: L('级别', 'Level'),
  position: L('位置', 'Position'),
  milestone: L('里程碑', 'Milestone'),
  currentMilestone: L('当前里程碑', 'Current milestone'),
  reachedOn: L('达成日期', 'Reached on'),
  signedOn: L('签约日期', 'Signed on'),
  paidOn: L('支付日期', 'Paid on'),
  startsOn: L('开始日期', 'Starts on'),
  endsOn: L('结束日期', 'Ends on'),
  occurredOn: L('发生日期', 'Occurred on'),
  heldOn: L('举办日期', 'Held on'),
  givenOn: L('反馈日期', 'Given on'),
  nextFollowUpOn: L('下次跟进', 'Next follow-up'),
  protectionExpiresAt: L('保护期至', 'Protected until'),
  lockedUntil: L('锁定至', 'Locked until'),
  createdAt: L('创建时间', 'Created at'),
  reference: L('支付凭证号', 'Payment reference'),
  note: L('备注', 'Note'),
  notes: L('备注', 'Notes'),
  reason: L('原因', 'Reason'),
  lostReason: L('流失原因', 'Lost reason'),
  decision: L('研判结论', 'Decision'),
  username: L('用户名', 'Username'),
  displayName: L('姓名', 'Name'),
  roles: L('角色', 'Roles'),
  active: L('启用', 'Active'),
  contactName: L('联系人', 'Contact'),
  contacts: L('联系人', 'Contacts'),
  phone: L('电话', 'Phone'),
  email: L('邮箱', 'Email'),
  address: L('地址', 'Address'),
  county: L('县区', 'County'),
  parks: L('园区', 'Parks'),
  chainNodes: L('产业链环节', 'Chain nodes'),
  agreements: L('协议', 'Agreements'),
  failures: L('失败次数', 'Failures'),
  sessionsEnded: L('结束会话数', 'Sessions ended'),
  endReason: L('结束原因', 'End reason'),
  format: L('格式', 'Format'),
  versionNo: L('版本号', 'Version'),
  period: L('期间', 'Period'),
  bottomPercent: L('末位比例', 'Bottom share'),
  appealWorkingDays: L('末位申诉期(工作日)', 'Appeal window (working days)'),
  baseFen: L('基数', 'Base'),
  filters: L('筛选条件', 'Filters'),
  shared: L('共享', 'Shared'),
  list: L('列表', 'List'),
  poolFen: L('绩效工资总额', 'Pool'),
  gradeMultiplier: L('等级倍数', 'Grade multiplier'),
  description: L('说明', 'Description'),
  summary: L('摘要', 'Summary'),
  isMajor: L('重大项目', 'Major project'),
  source: L('来源', 'Source'),
  // The names and states a lead or project carries beside its ids (a created record's "after" holds all of them).
  ownerName: L('负责人姓名', 'Owner name'),
  agentName: L('代理名称', 'Agent name'),
  zoneName: L('开发区名称', 'Zone name'),
  parkName: L('园区名称', 'Park name'),
  industryName: L('产业名称', 'Industry name'),
  chainNodeName: L('产业链环节名称', 'Chain node name'),
  sourceEventId: L('来源活动', 'Source event'),
  sourceEventName: L('来源活动名称', 'Source event name'),
  inPool: L('在公海', 'In the pool'),
  warning: L('预警', 'Warning'),
  clock: L('时限', 'Stage clock'),
  filedAt: L('备案时间', 'Filed at'),
  lastActivityAt: L('最近跟进', 'Last activity'),
  stageChangedAt: L('阶段变更时间', 'Stage changed at'),
  judgementDecision: L('研判结论', 'Judgement'),
  dueAt: L('截止时间', 'Due at'),
  dueOn: L('截止日期', 'Due on'),
  state: L('环节', 'Phase'),
  overdue: L('已超期', 'Overdue'),
  hoursLate: L('超期小时', 'Hours late'),
  startedAt: L('开始时间', 'Started at'),
  updatedAt: L('更新时间', 'Updated at'),
  version: L('版本', 'Version'),
  contractInvestmentPending: L('合同投资额待核实', 'Contract investment pending'),
  fromName: L('原负责人', 'From'),
  attachmentId: L('附件', 'Attachment'),
  originalName: L('文件名', 'File name'),
  sizeBytes: L('大小(字节)', 'Size (bytes)'),
  disputeId: L('争议', 'Dispute'),
  judgementId: L('研判', 'Judgement'),
  recipientName: L('反馈对象', 'Recipient'),
  method: L('方式', 'Method'),
  dimensions: L('研判维度', 'Dimensions'),
};

/** How a field's value is shown: money (fen), a zone date-time, a calendar date, a reference to a record, an enum. */
export type FieldKind =
  | { kind: 'money' }
  | { kind: 'datetime' }
  | { kind: 'date' }
  | { kind: 'ref'; entityType: AuditEntityType }
  | { kind: 'enum'; name: EnumName }
  | { kind: 'plain' };

const refFields: Record<string, AuditEntityType> = {
  ownerId: 'user',
  actorId: 'user',
  userId: 'user',
  makerId: 'user',
  checkerId: 'user',
  createdBy: 'user',
  closedBy: 'user',
  paidBy: 'user',
  verifiedBy: 'user',
  reportedBy: 'user',
  recordedBy: 'user',
  changedBy: 'user',
  staffId: 'user',
  staffIds: 'user',
  agentId: 'agent',
  zoneId: 'zone',
  industryId: 'industry',
  industryIds: 'industry',
  leadingIndustryIds: 'industry',
  projectId: 'project',
  parentProjectId: 'project',
  leadId: 'lead',
  policyId: 'policy',
  contractId: 'service_fee_contract',
};

const enumFields: Record<string, EnumName> = {
  stage: 'stage',
  fromStage: 'stage',
  toStage: 'stage',
  channel: 'channel',
  milestone: 'milestone',
  currentMilestone: 'milestone',
  roles: 'role',
  role: 'creditRole',
  level: 'zoneLevel',
  position: 'chainPosition',
  payeeType: 'payeeType',
  warning: 'warning',
  state: 'clockPhase',
  clockPhase: 'clockPhase',
  projectKind: 'projectKind',
  acceptance: 'acceptance',
};

/** The kind of a field of an entity's audit before/after. */
export function fieldKind(field: string, entityType?: string): FieldKind {
  if (field in refFields) return { kind: 'ref', entityType: refFields[field]! };
  if (field in enumFields) return { kind: 'enum', name: enumFields[field]! };
  if (field === 'status') {
    if (entityType === 'agent') return { kind: 'enum', name: 'agentStatus' };
    if (entityType === 'reward_calculation') return { kind: 'enum', name: 'calcStatus' };
    if (entityType === 'approval_item') return { kind: 'enum', name: 'approvalStatus' };
  }
  if (field === 'kind') {
    if (entityType === 'agent') return { kind: 'enum', name: 'agentKind' };
    if (entityType === 'policy' || entityType === 'reward_calculation') return { kind: 'enum', name: 'rewardKind' };
    if (entityType === 'project') return { kind: 'enum', name: 'figureKind' };
  }
  if (/Fen$/.test(field)) return { kind: 'money' };
  if (/At$|Until$/.test(field)) return { kind: 'datetime' };
  if (/On$|Date$/.test(field)) return { kind: 'date' };
  return { kind: 'plain' };
}

const pick = (label: Label | undefined, code: string, lang: Lang): string => (label ? label[lang] : code);

/** The label of an enum code, or the code itself when it has none. */
export const enumLabel = (name: EnumName, code: string, lang: Lang = 'zh'): string => pick((enumLabels[name] as Record<string, Label>)[code], code, lang);
export const auditActionLabel = (action: string, lang: Lang = 'zh'): string => pick((auditActionLabels as Record<string, Label>)[action], action, lang);
export const auditEntityTypeLabel = (type: string, lang: Lang = 'zh'): string => pick((auditEntityTypeLabels as Record<string, Label>)[type], type, lang);
export const auditFieldLabel = (field: string, lang: Lang = 'zh'): string => pick(auditFieldLabels[field], field, lang);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * One value of an audit before/after as people read it — the page and the .xlsx export say the same: money as
 * ¥1,040,740.73, instants as the zone's date and time, enum codes as labels, ids of people and records as their
 * names (`names`, from the API), nested records field by field, lists item by item.
 */
export function formatAuditValue(field: string, value: unknown, entityType: string, names: Record<string, string>, lang: Lang, timeZone: string): string {
  if (value === null || value === undefined) return '—';
  const kind = fieldKind(field, entityType);
  const one = (v: unknown): string => {
    if (v === null || v === undefined) return '—';
    if (kind.kind === 'money' && (typeof v === 'number' || (typeof v === 'string' && /^-?\d+$/.test(v)))) return formatFen(v);
    if (kind.kind === 'ref' && typeof v === 'string') return names[v] ?? v;
    if (kind.kind === 'enum' && typeof v === 'string') return enumLabel(kind.name, v, lang);
    if (typeof v === 'boolean') return v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
    if (typeof v === 'string') return ISO_INSTANT.test(v) ? zoneDateTime(v, timeZone) : v;
    if (typeof v === 'number') return String(v);
    if (typeof v === 'object' && !Array.isArray(v))
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${auditFieldLabel(k, lang)}: ${formatAuditValue(k, x, entityType, names, lang, timeZone)}`)
        .join('\n');
    return JSON.stringify(v);
  };
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(one).join(value.every((v) => typeof v !== 'object' || v === null) ? '、' : '\n');
  return one(value);
}
