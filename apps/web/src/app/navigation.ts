import type { Role } from '../lib/types.ts';

/**
 * Which roles see which screens. The server enforces permissions on every request; this only keeps
 * menus and pages a role cannot use out of the way.
 */
export const access = {
  leads: ['staff', 'manager', 'finance', 'admin'],
  pool: ['staff', 'manager', 'admin'],
  projects: ['staff', 'manager', 'finance', 'admin'],
  pipeline: ['staff', 'manager', 'admin'],
  /** In the menu for managers; staff reach their own funnel from the pipeline board (the server scopes it). */
  funnel: ['manager', 'admin'],
  agents: ['staff', 'manager', 'finance', 'admin'],
  audit: ['manager', 'admin'],
  admin: ['admin'],
  /** 财务: reward policies, calculations, payments, service fees, forecast (the API's readers). */
  finance: ['manager', 'finance', 'admin'],
  /** 审批队列: only managers approve (and never their own calculation). */
  financeApprovals: ['manager'],
  /** 驾驶舱: the managers' dashboard (the API's readers). */
  dashboard: ['manager', 'admin'],
  /** 绩效考核 for managers and finance (everyone's ranking; finance approves and files 绩效工资); 我的绩效 for staff
   * (their own row only, the server scopes it). */
  performance: ['staff', 'manager', 'finance', 'admin'],
  /** 报表 月调度、季汇报 (policy 三(一)). */
  reports: ['manager', 'finance', 'admin'],
  /** 指标与亩产: 一(三) indicators and 二(四)3 亩产 (issue 14); managers and admins enter figures and targets. */
  indicators: ['manager', 'finance', 'admin'],
  /** 招商活动 and their return (issue 13). */
  events: ['staff', 'manager', 'finance', 'admin'],
  /** 一周一报: staff write theirs, managers see the team's. */
  weekly: ['staff', 'manager', 'admin'],
  /** 时限看板: overdue counts per person and zone (managers). */
  clocks: ['manager', 'admin'],
  /** 数据导入: staff import their own leads, managers and admins anyone's (the server decides per row). */
  imports: ['staff', 'manager', 'admin'],
  /** 奖励公示 (issue 14): a public notice, open to everyone signed in. */
  notices: ['staff', 'manager', 'finance', 'admin'],
  /** 消息: everyone's own inbox. */
  inbox: ['staff', 'manager', 'finance', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof access;

export const canSee = (roles: readonly Role[], area: Area): boolean => roles.some((role) => (access[area] as readonly Role[]).includes(role));

/** Where a user lands after signing in: the first screen their roles open. */
export function homePath(roles: readonly Role[]): string {
  // Finance staff work on calculations; leads are only a reference for them.
  if (roles.length > 0 && roles.every((role) => role === 'finance')) return '/finance/calculations';
  if (canSee(roles, 'leads')) return '/leads';
  if (canSee(roles, 'agents')) return '/agents';
  if (canSee(roles, 'admin')) return '/admin/users';
  return '/leads';
}
