import type { Terms } from './render.ts';

/** Labels of the closed lists a problem's parameters name (entity, milestone, stage …), per language. */
const entities = {
  lead: ['lead', '线索'],
  project: ['project', '项目'],
  agent: ['agent', '代理'],
  user: ['user', '用户'],
  zone: ['zone', '开发区'],
  park: ['park', '园区'],
  industry: ['industry', '产业'],
  industries: ['industries', '产业'],
  'chain node': ['chain node', '产业链环节'],
  policy: ['policy', '政策'],
  version: ['version', '政策版本'],
  calculation: ['calculation', '核算'],
  'service-fee contract': ['service-fee contract', '服务费合同'],
  objection: ['objection', '公示异议'],
  payment: ['payment', '支付记录'],
  recovery: ['recovery', '追回事项'],
  contract: ['contract', '合同'],
  scheme: ['scheme', '考核方案'],
  'scoring scheme': ['scoring scheme', '考核方案'],
  event: ['event', '招商活动'],
  'promotion event': ['promotion event', '招商活动'],
  dispute: ['dispute', '争议'],
  report: ['report', '报备'],
  figure: ['figure', '数据'],
  file: ['file', '文件'],
  activity: ['activity', '跟进记录'],
  judgement: ['judgement', '研判'],
  feedback: ['feedback', '反馈'],
  rules: ['rules', '规则'],
  'zone clock rules': ['zone clock rules', '开发区时限规则'],
  'weekly report': ['weekly report', '周报'],
  credits: ['credits', '业绩归属'],
  password: ['password', '密码'],
  session: ['session', '登录'],
  'sign-in': ['sign-in', '登录'],
  flag: ['bottom flag', '末位标记'],
  pool: ['performance-pay pool', '绩效工资'],
  view: ['saved view', '视图'],
  import: ['import', '导入'],
  'approval item': ['approval item', '审批事项'],
  'approval item kind': ['approval item kind', '审批事项类型'],
} as const;

export type EntityTerm = keyof typeof entities;

const zhLists = {
  milestone: { signed: '签约', registered: '注册', land_acquired: '供地', construction_started: '开工', in_production: '投产', at_capacity: '达产' },
  stage: { new: '新线索', contacted: '初步接洽', visited: '考察', negotiating: '洽谈', signed: '签约', lost: '流失' },
  figure: {
    actual_fixed_asset_investment: '实际固定资产投资',
    actual_paid_in: '实际到位资金',
    annual_output: '年产值',
    annual_tax: '年税收',
    contract_investment: '合同投资额',
  },
  status: {
    active: '合作中',
    suspended: '暂停',
    terminated: '终止',
    draft: '草稿',
    submitted: '已提交',
    accepted: '已受理',
    approved: '已审批',
    rejected: '已驳回',
    paid: '已支付',
    superseded: '已被取代',
    pending: '待申诉',
    appealed: '申诉中',
    upheld: '已维持',
    lifted: '已撤销',
    filed: '已备案',
    importing: '正在导入',
    done: '已导入',
    failed: '导入失败',
  },
  role: { staff: '招商专员', manager: '管理人员', finance: '财务', admin: '系统管理员' },
  period: { month: '按月', quarter: '按季度' },
};

const identity = (list: Record<string, string>) => Object.fromEntries(Object.keys(list).map((k) => [k, k]));

export const termsEn: Terms = {
  entity: Object.fromEntries(Object.entries(entities).map(([k, v]) => [k, v[0]])),
  // In English the API has always named list values by their keys (integrators match on them).
  milestone: identity(zhLists.milestone),
  stage: identity(zhLists.stage),
  figure: identity(zhLists.figure),
  status: identity(zhLists.status),
  role: identity(zhLists.role),
  period: identity(zhLists.period),
};

export const termsZhCN: Terms = {
  entity: Object.fromEntries(Object.entries(entities).map(([k, v]) => [k, v[1]])),
  ...zhLists,
};
