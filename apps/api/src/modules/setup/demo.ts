import {
  activities,
  agentAgreements,
  agents,
  auditLog,
  chainNodes,
  chunkRows,
  industries,
  leads,
  leadStageHistory,
  parks,
  settings,
  users,
  zoneIndustries,
  zones,
  type DbHandle,
} from '@crm/db';
import {
  addDays,
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  normalizeCompanyName,
  zoneDate,
  zoneDayStart,
  type LeadChannel,
  type LeadStage,
  type Role,
} from '@crm/shared';
import { eq } from 'drizzle-orm';
import { workedExampleVersionJson } from '@crm/shared/rewards/worked-example';
import { hashPassword } from '../auth/passwords.ts';
import { defaultConfig, type AppConfig, type Ctx } from '../../lib/context.ts';
import * as projectsService from '../projects/service.ts';
import * as policies from '../rewards/policies.ts';
import * as computation from '../rewards/reward-computation.ts';
import * as calculations from '../rewards/workflow.ts';
import * as performance from '../performance/service.ts';
import * as dashboardService from '../dashboard/service.ts';
import * as indicatorsService from '../indicators/service.ts';

/** A small seeded generator so every demo load is the same data (screenshots and walkthroughs match). */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  return { next, int, pick };
}

// Passes the password policy (at least 10 characters, not common, no username in it); demo accounts are for a
// laptop, so they are not forced to change it.
export const DEMO_PASSWORD = 'demo-zhaoshang-2026';

const INDUSTRIES: { name: string; nodes: [string, 'upstream' | 'midstream' | 'downstream'][] }[] = [
  {
    name: '专用车及装备制造',
    nodes: [
      ['钢材与底盘', 'upstream'],
      ['专用车改装', 'midstream'],
      ['液压与电控系统', 'midstream'],
      ['整车销售与后市场', 'downstream'],
    ],
  },
  {
    name: '阀门及流体控制',
    nodes: [
      ['铸锻件', 'upstream'],
      ['阀门制造', 'midstream'],
      ['智能执行机构', 'midstream'],
      ['工程服务', 'downstream'],
    ],
  },
  {
    name: '换热器及节能装备',
    nodes: [
      ['板材与管材', 'upstream'],
      ['换热器制造', 'midstream'],
      ['余热利用系统', 'downstream'],
    ],
  },
  {
    name: '农产品精深加工',
    nodes: [
      ['种养殖基地', 'upstream'],
      ['精深加工', 'midstream'],
      ['冷链物流', 'downstream'],
      ['品牌营销', 'downstream'],
    ],
  },
  {
    name: '医药健康',
    nodes: [
      ['原料药', 'upstream'],
      ['制剂生产', 'midstream'],
      ['医疗器械', 'midstream'],
      ['康养服务', 'downstream'],
    ],
  },
  {
    name: '新材料',
    nodes: [
      ['基础原料', 'upstream'],
      ['复合材料', 'midstream'],
      ['新型建材', 'downstream'],
    ],
  },
  {
    name: '新能源',
    nodes: [
      ['光伏与风电设备', 'upstream'],
      ['储能系统', 'midstream'],
      ['综合能源服务', 'downstream'],
    ],
  },
];

/**
 * The zones as the policy names them (issue 14, demo honesty). The policy states no zone's level; it says 西丰、
 * 银州、清河工业园区 are to be upgraded to provincial (二(一)3), so they are not provincial yet and are shown as
 * 市级工业园区 (the category 总则 lists). 铁岭经济技术开发区's level is not in the policy: the demo marks it
 * provincial as sample data. 淮安铁岭工业园区 is the policy's 飞地园区 (二(二)3); its partner and benefit share are
 * not stated, so they are left empty. Counties are those the names carry; the others are left empty. Industries,
 * parks, people, leads and projects are sample data (示例数据): the policy lists no industries.
 */
const ZONES = [
  {
    name: '铁岭经济技术开发区',
    level: 'provincial',
    county: null,
    leading: ['专用车及装备制造', '阀门及流体控制'],
    emerging: ['新能源'],
    parks: ['专用车产业园', '阀门产业园', '凡河新区科技园'],
  },
  { name: '西丰工业园区', level: 'municipal', county: '西丰县', leading: ['农产品精深加工'], emerging: ['医药健康'], parks: ['鹿产业园', '食品加工园'] },
  { name: '银州工业园区', level: 'municipal', county: '银州区', leading: ['换热器及节能装备'], emerging: ['新材料'], parks: ['换热器产业园'] },
  { name: '清河工业园区', level: 'municipal', county: '清河区', leading: ['新材料', '专用车及装备制造'], emerging: ['新能源'], parks: ['清河新材料园'] },
  { name: '淮安铁岭工业园区', level: 'municipal', county: null, leading: ['医药健康'], emerging: ['新材料'], parks: ['淮铁合作园'], enclave: true },
] as const;

/** What the demo takes from the policy and what it makes up, shown in the banner while the demo is loaded. */
export const DEMO_NOTE =
  '示例数据：开发区名称及飞地园区取自《实施意见》；西丰、银州、清河工业园区按意见“推进升级为省级”标为市级；铁岭经济技术开发区的级别、各区产业、园区、人员、线索、项目、指标实际值均为虚构的示例。';

const STAFF: [string, string, Role[]][] = [
  ['zhangwei', '张伟', ['staff']],
  ['lina', '李娜', ['staff']],
  ['wangqiang', '王强', ['staff']],
  ['liuyang', '刘洋', ['staff']],
  ['chenjing', '陈静', ['staff']],
  ['yangfan', '杨帆', ['staff']],
  ['zhaolei', '赵磊', ['staff']],
  ['sunli', '孙丽', ['manager']],
  ['zhoujun', '周军', ['manager', 'staff']],
  ['wuhong', '吴红', ['finance']],
  ['zhengmin', '郑敏', ['finance']],
  ['heping', '何平', ['admin']],
];

const PREFIX = ['辽宁', '沈阳', '大连', '北京', '上海', '江苏', '浙江', '广东', '山东', '天津', '深圳', '苏州', '淮安', '铁岭'];
const CORE = [
  '华信',
  '恒泰',
  '中科',
  '瑞丰',
  '鼎盛',
  '宏达',
  '金川',
  '东方',
  '博远',
  '正和',
  '安泰',
  '天成',
  '兴业',
  '远航',
  '凯瑞',
  '盛世',
  '龙腾',
  '众诚',
  '启明',
  '新源',
];
const SUFFIX: Record<string, string[]> = {
  专用车及装备制造: ['专用汽车', '重工机械', '智能装备'],
  阀门及流体控制: ['阀门', '流体控制', '阀业'],
  换热器及节能装备: ['换热设备', '节能科技', '热能装备'],
  农产品精深加工: ['食品', '农业科技', '生物科技'],
  医药健康: ['药业', '医疗器械', '健康产业'],
  新材料: ['新材料', '复合材料', '新型建材'],
  新能源: ['新能源', '储能科技', '光伏科技'],
};
const FORMS = ['有限公司', '股份有限公司', '集团有限公司'];

/** Loads the demo once: the policy's zones, industries, a dozen staff in every role, agents, leads and visits. */
export async function loadDemo(handle: DbHandle, say: (line: string) => void, config: AppConfig = defaultConfig): Promise<void> {
  const { db } = handle;
  const [done] = await db.select().from(settings).where(eq(settings.key, 'demo_loaded'));
  if (done) {
    say('Demo data is already loaded.');
    return;
  }
  const r = rng(20251125);
  const now = config.clock.now();
  const tz = config.timeZone;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction(async (tx) => {
    const industryRows = await tx
      .insert(industries)
      .values(INDUSTRIES.map((i) => ({ name: i.name })))
      .returning();
    const industryId = new Map(industryRows.map((i) => [i.name, i.id]));
    const nodeRows = await tx
      .insert(chainNodes)
      .values(INDUSTRIES.flatMap((i) => i.nodes.map(([name, position], k) => ({ industryId: industryId.get(i.name) ?? '', name, position, sortOrder: k }))))
      .returning();

    const zoneRows = await tx
      .insert(zones)
      .values(
        ZONES.map((z) => ({
          name: z.name,
          level: z.level,
          county: z.county,
          isEnclave: 'enclave' in z,
          enclavePartner: null,
          benefitShareBp: null,
        })),
      )
      .returning();
    const zoneId = new Map(zoneRows.map((z) => [z.name, z.id]));
    await tx
      .insert(zoneIndustries)
      .values(
        ZONES.flatMap((z) => [
          ...z.leading.map((name) => ({ zoneId: zoneId.get(z.name) ?? '', industryId: industryId.get(name) ?? '', kind: 'leading' })),
          ...z.emerging.map((name) => ({ zoneId: zoneId.get(z.name) ?? '', industryId: industryId.get(name) ?? '', kind: 'emerging' })),
        ]),
      );
    const parkRows = await tx
      .insert(parks)
      .values(ZONES.flatMap((z) => z.parks.map((name) => ({ zoneId: zoneId.get(z.name) ?? '', name }))))
      .returning();

    const staffRows = await tx
      .insert(users)
      .values(STAFF.map(([username, displayName, roles]) => ({ username, displayName, roles, passwordHash, phone: `139${String(r.int(10000000, 99999999))}` })))
      .onConflictDoNothing()
      .returning();
    const owners = staffRows.filter((u) => u.roles.includes('staff'));

    const agentRows = await tx
      .insert(agents)
      .values([
        { name: '辽宁瑞通招商服务有限公司', kind: 'agency', contactName: '高明', phone: '13840012345', createdBy: owners[0]?.id ?? '' },
        { name: '沈阳中联产业咨询有限公司', kind: 'intermediary', contactName: '马丽', phone: '13940054321', createdBy: owners[0]?.id ?? '' },
        { name: '铁岭宏达专用汽车有限公司', kind: 'enterprise', contactName: '宋涛', phone: '13804101234', createdBy: owners[1]?.id ?? '' },
        { name: '林建国', kind: 'individual', contactName: '林建国', phone: '13700001111', createdBy: owners[2]?.id ?? '' },
        {
          name: '铁岭市产业投资平台有限公司',
          kind: 'agency',
          contactName: '钱进',
          phone: '13600002222',
          isPlatformCompany: true,
          notes: '市属平台公司，不享受引进奖励',
          createdBy: owners[0]?.id ?? '',
        },
        {
          name: '江苏淮安招商服务中心',
          kind: 'agency',
          contactName: '冯雪',
          phone: '13500003333',
          isGovernmentUnit: true,
          notes: '政府单位，不享受引进奖励',
          createdBy: owners[3]?.id ?? '',
        },
      ])
      .returning();
    await tx.insert(agentAgreements).values(
      agentRows.slice(0, 4).map((a, i) => ({
        agentId: a.id,
        title: `委托招商协议 ${2025 + (i % 2)}-${String(i + 1).padStart(3, '0')}`,
        startsOn: `${2025 + (i % 2)}-01-01`,
        endsOn: `${2026 + (i % 2)}-12-31`,
      })),
    );

    // Leads: a few hundred companies spread over the last year, with visits and stage moves.
    const usedNames = new Set<string>();
    const leadRows: (typeof leads.$inferInsert)[] = [];
    const activityRows: (typeof activities.$inferInsert)[] = [];
    const historyRows: (typeof leadStageHistory.$inferInsert)[] = [];
    const channels: LeadChannel[] = [
      'industry_chain',
      'online',
      'agency',
      'business_referral',
      'commissioned',
      'talent',
      'professional_agency',
      'event',
      'direct',
    ];
    const needsAgent = new Set<LeadChannel>(['agency', 'business_referral', 'commissioned', 'professional_agency']);
    const stages = ['new', 'contacted', 'contacted', 'visited', 'visited', 'negotiating', 'negotiating', 'lost'] as const;
    const day = 86_400_000;
    for (let n = 0; leadRows.length < 320 && n < 5000; n++) {
      const zone = r.pick(ZONES);
      const industryName = r.next() < 0.75 ? r.pick([...zone.leading, ...zone.emerging]) : r.pick(INDUSTRIES).name;
      const name = `${r.pick(PREFIX)}${r.pick(CORE)}${r.pick(SUFFIX[industryName] ?? ['科技'])}${r.pick(FORMS)}`;
      const normalizedName = normalizeCompanyName(name);
      if (usedNames.has(normalizedName)) continue;
      usedNames.add(normalizedName);
      const id = crypto.randomUUID();
      const owner = r.pick(owners);
      const createdAt = new Date(now.getTime() - r.int(5, 360) * day - r.int(0, 86_000) * 1000);
      const channel = r.pick(channels);
      const stage = r.pick(stages);
      const iid = industryId.get(industryName) ?? null;
      const nodes = nodeRows.filter((x) => x.industryId === iid);
      const zoneParks = parkRows.filter((p) => p.zoneId === zoneId.get(zone.name));
      let code: string | null = null;
      if (r.next() < 0.6) {
        let first17 = '91';
        first17 += String(r.int(110000, 659000));
        while (first17.length < 17) first17 += CREDIT_CODE_ALPHABET.charAt(r.int(0, 30));
        code = first17 + (creditCodeCheckChar(first17) ?? '0');
      }
      // Visits: more for leads further along.
      const visits = stage === 'new' ? 0 : stage === 'contacted' ? r.int(0, 1) : r.int(1, 4);
      let lastVisit = createdAt.getTime();
      for (let v = 0; v < visits; v++) {
        const at = lastVisit + r.int(5, 60) * day;
        if (at > now.getTime() - day) break; // no visits in the future (and none piled up on yesterday)
        lastVisit = at;
        const occurredOn = zoneDate(at, tz);
        const kind = r.pick(['visit', 'inspection', 'call', 'meeting'] as const);
        activityRows.push({
          leadId: id,
          kind,
          occurredOn,
          staffIds: [owner.id],
          contactsMet: r.pick(['总经理', '董事长', '投资总监', '项目负责人']),
          location: kind === 'inspection' ? `${zone.name}管委会` : kind === 'visit' ? `${name.slice(0, 2)}企业总部` : null,
          summary: r.pick([
            '介绍园区主导产业与配套政策，企业对用地和能耗指标较关注。',
            '企业来访考察标准化厂房与周边配套，初步意向投资扩产。',
            '电话沟通项目进展，企业内部正在做可行性研究。',
            '与企业高层会谈，讨论土地、税收和人才政策细节。',
            '参加招商推介会，企业表示有在东北布局生产基地的计划。',
          ]),
          nextStep: r.pick(['报送项目建议书', '安排实地考察', '对接自然资源局确认供地', '准备投资协议文本']),
          createdBy: owner.id,
          createdAt: new Date(at),
          updatedAt: new Date(at),
        });
      }
      const path: LeadStage[] = ['new', 'contacted', 'visited', 'negotiating'];
      const target = stage === 'lost' ? r.int(0, 3) : path.indexOf(stage);
      const lastMove = new Date(Math.max(createdAt.getTime(), lastVisit));
      const protectingVisit = activityRows.filter((a) => a.leadId === id && (a.kind === 'visit' || a.kind === 'inspection')).at(-1);
      const protectionBase = protectingVisit ? zoneDayStart(protectingVisit.occurredOn, tz).getTime() + day : createdAt.getTime();
      leadRows.push({
        id,
        companyName: name,
        normalizedName,
        creditCode: code,
        industryId: iid,
        chainNodeId: nodes.length ? r.pick(nodes).id : null,
        channel,
        agentId: needsAgent.has(channel) ? r.pick(agentRows.slice(0, 4)).id : null,
        zoneId: zoneId.get(zone.name) ?? null,
        parkId: zoneParks.length && r.next() < 0.7 ? r.pick(zoneParks).id : null,
        estimatedInvestmentFen: (r.int(5, 300) * 1_000_000 * 100 * (r.next() < 0.2 ? 10 : 1)) / 10,
        contacts: [
          {
            name: `${r.pick(['刘', '陈', '杨', '黄', '赵', '吴'])}${r.pick(['总', '经理', '主任'])}`,
            title: r.pick(['总经理', '投资总监', '董事长助理']),
            phone: `13${r.int(100000000, 999999999)}`,
          },
        ],
        notes: null,
        ownerId: owner.id,
        stage,
        furthestStageRank: target,
        lostReason: stage === 'lost' ? r.pick(['企业选择了其他地区', '项目暂缓投资', '用地条件不满足']) : null,
        protectionExpiresAt: new Date(protectionBase + 90 * day),
        nextFollowUpOn: stage === 'lost' ? null : addDays(zoneDate(now, tz), r.int(-20, 30)),
        lastActivityAt: visits ? new Date(lastVisit) : null,
        // The last stage move: the lead's last history entry below is dated the same.
        stageChangedAt: target > 0 || stage === 'lost' ? lastMove : createdAt,
        createdBy: owner.id,
        createdAt,
        updatedAt: new Date(Math.max(createdAt.getTime(), lastVisit)),
      });
      historyRows.push({ leadId: id, fromStage: null, toStage: 'new', changedBy: owner.id, changedAt: createdAt });
      let prev: LeadStage = 'new';
      for (let k = 1; k <= target; k++) {
        // Evenly spread, the last move at lastMove (or just before it when the lead was then lost).
        const at = new Date(createdAt.getTime() + ((lastMove.getTime() - createdAt.getTime()) * k) / (target + (stage === 'lost' ? 1 : 0)));
        historyRows.push({ leadId: id, fromStage: prev, toStage: path[k] ?? 'new', changedBy: owner.id, changedAt: at });
        prev = path[k] ?? 'new';
      }
      if (stage === 'lost') historyRows.push({ leadId: id, fromStage: prev, toStage: 'lost', reason: '演示数据', changedBy: owner.id, changedAt: lastMove });
    }
    // Chunked so no statement passes PGlite's bind-parameter limit.
    for (const chunk of chunkRows(leadRows, 25, handle.maxParams)) await tx.insert(leads).values(chunk);
    for (const chunk of chunkRows(activityRows, 13, handle.maxParams)) await tx.insert(activities).values(chunk);
    for (const chunk of chunkRows(historyRows, 8, handle.maxParams)) await tx.insert(leadStageHistory).values(chunk);
    await tx.insert(settings).values({ key: 'demo_loaded', value: now.toISOString() });
    // Read by GET /api/demo: every screen shows the 示例数据 banner while this row exists.
    await tx.insert(settings).values({ key: 'demo_note', value: DEMO_NOTE });
    await tx.insert(auditLog).values({
      actorId: null,
      action: 'demo.load',
      entityType: 'system',
      entityId: 'demo',
      after: { leads: leadRows.length, activities: activityRows.length },
    });
    say(
      `Demo loaded: ${ZONES.length} zones, ${INDUSTRIES.length} industries, ${staffRows.length} staff, ${agentRows.length} agents, ${leadRows.length} leads, ${activityRows.length} activities.`,
    );
  });
  await loadDemoProjects(handle, r, say, config);
  say(`Demo users (password "${DEMO_PASSWORD}"): ${STAFF.map(([u, n, roles]) => `${u} ${n} (${roles.join('+')})`).join(', ')}`);
}

/**
 * The second half of the demo goes through the services themselves, as people would: leads signed into
 * projects, milestones, verified figures, credit splits, the worked-example policy, a scoring scheme,
 * zone targets and a paid reward — so every screen has something true to show.
 */
async function loadDemoProjects(handle: DbHandle, r: ReturnType<typeof rng>, say: (line: string) => void, config: AppConfig) {
  const { db } = handle;
  const people = await db.select().from(users);
  const byName = (u: string) => people.find((p) => p.username === u);
  const manager = byName('sunli');
  const financeUser = byName('wuhong');
  const admin = byName('heping');
  if (!manager || !financeUser || !admin) return;
  const ctxOf = (u: typeof manager): Ctx => ({
    actor: { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Ctx['actor']['roles'] },
    db,
    requestId: 'demo',
    config,
    now: () => config.clock.now(),
  });
  const today = zoneDate(config.clock.now(), config.timeZone);
  const dateAfter = (base: string, days: number) => {
    const d = addDays(base, days);
    return d > today ? today : d;
  };
  const candidates = await db.select().from(leads).where(eq(leads.stage, 'negotiating'));
  const zoneIds = await db.select().from(zones);
  const projectIds: string[] = [];
  for (const lead of candidates.slice(0, 24)) {
    const owner = people.find((p) => p.id === lead.ownerId);
    if (!owner || !lead.zoneId || !lead.industryId) continue;
    const signedOn = dateAfter(zoneDate(lead.createdAt, config.timeZone), r.int(20, 60));
    const contract = (Math.max(lead.estimatedInvestmentFen, 10_000_000_00) * r.int(8, 15)) / 10;
    const project = await projectsService.signLead({
      ctx: ctxOf(owner),
      leadId: lead.id,
      input: {
        signedOn,
        contractInvestmentFen: Math.round(contract),
        registeredCapitalFen: Math.round(contract / 5),
        plannedFixedAssetInvestmentFen: Math.round(contract * 0.7),
        landMu: r.int(30, 300),
        // Most sample projects record the day their land was approved (批), so idle land shows (示例).
        landApprovedOn: projectIds.length % 3 !== 2 ? signedOn : null,
        expectedAnnualOutputFen: Math.round(contract * 1.5),
        expectedAnnualTaxFen: Math.round(contract * 0.06),
        expectedJobs: r.int(50, 600),
        zoneId: lead.zoneId,
        parkId: lead.parkId,
        industryId: lead.industryId,
        chainNodeId: lead.chainNodeId,
        agentId: lead.agentId,
      },
    });
    projectIds.push(project.id);
    // The contract amount counts for rewards and rankings once a manager without a stake verifies it.
    const contractFigure = project.figures.find((f) => f.kind === 'contract_investment' && !f.verified);
    if (contractFigure) await projectsService.verifyFigure({ ctx: ctxOf(manager), id: project.id, figureId: contractFigure.id });
    const steps = ['registered', 'land_acquired', 'construction_started', 'in_production', 'at_capacity'] as const;
    const reach = r.int(0, 5);
    let on = signedOn;
    for (const milestone of steps.slice(0, reach)) {
      const next = dateAfter(on, r.int(15, 70));
      if (next === on && on === today && milestone !== 'registered') break;
      on = next;
      await projectsService.recordMilestone({ ctx: ctxOf(owner), id: project.id, input: { milestone, date: on } });
      if (milestone === 'construction_started' || milestone === 'in_production') {
        const kinds =
          milestone === 'construction_started'
            ? (['actual_fixed_asset_investment'] as const)
            : (['actual_fixed_asset_investment', 'annual_output', 'annual_tax'] as const);
        for (const kind of kinds) {
          const amount = Math.round(
            kind === 'annual_output' ? contract * (r.int(8, 20) / 10) : kind === 'annual_tax' ? contract * 0.05 : contract * (r.int(4, 9) / 10),
          );
          const detail = await projectsService.reportFigure({ ctx: ctxOf(owner), id: project.id, input: { kind, amountFen: amount, asOf: on } });
          const figure = detail.figures.find((f) => f.kind === kind && !f.verified);
          if (figure && r.next() < 0.85) await projectsService.verifyFigure({ ctx: ctxOf(manager), id: project.id, figureId: figure.id });
        }
      }
    }
    if (r.next() < 0.5) {
      const colleague = people.filter((p) => p.roles.includes('staff') && p.id !== owner.id)[r.int(0, 5)];
      if (colleague) {
        await projectsService.setCredits({
          ctx: ctxOf(manager),
          id: project.id,
          input: {
            credits: [
              { staffId: owner.id, role: 'owner', shareBp: 7000 },
              { staffId: colleague.id, role: 'negotiator', shareBp: 3000 },
            ],
            agentId: lead.agentId,
          },
        });
      }
    }
  }

  const agentPolicy = await policies.createPolicy({
    ctx: ctxOf(admin),
    input: {
      name: '引进项目奖励（代理）',
      kind: 'agent_reward',
      description: '按实际固定资产投资超额累进计奖；主导产业×1.2；开工付40%，投产付60%（domain.md 示例）',
      version: { ...workedExampleVersionJson, effectiveFrom: '2020-01-01' },
    },
  });
  await policies.createPolicy({
    ctx: ctxOf(admin),
    input: {
      name: '个人考核激励（签约）',
      kind: 'staff_incentive',
      description: '按合同投资额 0.05% 计提团队激励池，签约时一次计提，按业绩归属比例分配',
      version: {
        kind: 'staff_incentive',
        basis: 'contract_investment',
        thresholdFen: 0,
        tiers: [{ upToFen: null, rateBp: 5 }],
        mode: 'bracket',
        multipliers: [],
        capFen: 20_000_000,
        installments: [{ milestone: 'signed', shareBp: 10000 }],
        effectiveFrom: '2020-01-01',
        effectiveTo: null,
      },
    },
  });
  // One reward through the whole workflow, one waiting for approval.
  let paid = 0;
  for (const id of projectIds) {
    const detail = await projectsService.getProject({ ctx: ctxOf(financeUser), id });
    if (!detail.agentId || !detail.milestones.some((m) => m.milestone === 'construction_started')) continue;
    if (!detail.figures.some((f) => f.kind === 'actual_fixed_asset_investment' && f.verified)) continue;
    try {
      const calc = await computation.computeProjectReward({
        ctx: ctxOf(financeUser),
        input: { projectId: id, policyId: agentPolicy.id, milestone: 'construction_started' },
      });
      if (calc.dueFen <= 0) continue;
      const submitted = await calculations.submitCalculation({ ctx: ctxOf(financeUser), id: calc.id, input: { version: calc.version } });
      if (paid === 0) {
        const approved = await calculations.approveCalculation({ ctx: ctxOf(manager), id: calc.id, input: { version: submitted.version, note: '同意' } });
        // Above the policy's 公示 threshold it waits out its notice (the 公示 page shows it); below, it is paid now.
        if (!approved.noticeUntil)
          await calculations.payCalculation({
            ctx: ctxOf(financeUser),
            id: calc.id,
            input: { version: approved.version, paidOn: today, reference: 'DEMO-2026-0001' },
          });
      }
      paid++;
      if (paid >= 2) break;
    } catch {
      // an agent that is not eligible or a figure missing: the demo simply moves on
    }
  }
  await performance.createScheme({
    ctx: ctxOf(manager),
    input: {
      name: '招商专员月度考核',
      targetMode: 'per_staff',
      targetPeriod: 'month',
      bottomPercent: 10,
      appealWorkingDays: 5,
      metrics: [
        { metric: 'new_leads', weight: 20, target: 4 },
        { metric: 'visits', weight: 25, target: 6 },
        { metric: 'signed_projects', weight: 25, target: 1 },
        { metric: 'signed_investment', weight: 20, target: 10_000_000_000 },
        { metric: 'construction_investment', weight: 10, target: 5_000_000_000 },
      ],
      staffTargets: {},
    },
  });
  const year = Number(today.slice(0, 4));
  await dashboardService.setTargets({
    ctx: ctxOf(manager),
    input: {
      year,
      targets: zoneIds.flatMap((z, i) => [
        // A signed-investment amount (issue 14: it was labelled as the policy's fixed-asset growth goal, which it is not).
        { zoneId: z.id, metric: 'signed_investment' as const, target: (i === 0 ? 800_000 : 200_000) * 1_000_000, note: '年度签约投资目标（示例）' },
        { zoneId: z.id, metric: 'new_projects' as const, target: i === 0 ? 12 : 4, note: null },
      ]),
    },
  });
  await loadDemoIndicators(ctxOf(manager), zoneIds, r, year);
  say(`Demo projects: ${projectIds.length} signed, 2 reward policies, 1 scoring scheme, zone targets for ${year}.`);
}

/**
 * 一(三) targets as the policy states them (all zones: 工业增加值 +10%, output 80% of the city's, 规上企业 85%,
 * fixed-asset investment +20%; 铁岭经济技术开发区 40% of the city's output) and two years of sample monthly actuals,
 * so the indicator screens have something to show. The actuals are invented (示例).
 */
async function loadDemoIndicators(ctx: Ctx, zoneRows: (typeof zones.$inferSelect)[], r: ReturnType<typeof rng>, year: number) {
  const main = zoneRows.find((z) => z.name === '铁岭经济技术开发区');
  const policy = '《实施意见》一(三)';
  await indicatorsService.setTargets(ctx, {
    year,
    targets: [
      { indicatorCode: 'value_added_growth', zoneId: null, target: 1000, note: `${policy}：不低于10%` },
      { indicatorCode: 'output_share', zoneId: null, target: 8000, note: `${policy}：占全市80%（其中其他经济开发区合计40%）` },
      { indicatorCode: 'above_scale_share', zoneId: null, target: 8500, note: `${policy}：85%` },
      { indicatorCode: 'fixed_asset_investment_growth', zoneId: null, target: 2000, note: `${policy}：年均不低于20%` },
      ...(main ? [{ indicatorCode: 'output_share' as const, zoneId: main.id, target: 4000, note: `${policy}：铁岭经济开发区占40%` }] : []),
      ...zoneRows.map((z) => ({ indicatorCode: 'value_added_growth' as const, zoneId: z.id, target: 1000, note: `${policy}：不低于10%` })),
      ...zoneRows.map((z) => ({ indicatorCode: 'fixed_asset_investment_growth' as const, zoneId: z.id, target: 2000, note: `${policy}：年均不低于20%` })),
    ],
  });
  const thisMonth = zoneDate(ctx.now(), ctx.config.timeZone).slice(0, 7);
  const months: string[] = [];
  for (const y of [year - 1, year])
    for (let m = 1; m <= 12; m++) if (`${y}-${String(m).padStart(2, '0')}` < thisMonth) months.push(`${y}-${String(m).padStart(2, '0')}`);
  const actuals: Parameters<typeof indicatorsService.setActuals>[1]['actuals'] = [];
  for (const month of months) {
    const grow = month.startsWith(String(year)) ? 1.12 : 1;
    zoneRows.forEach((z, i) => {
      const scale = (i === 0 ? 5 : 1) * grow;
      const output = Math.round(scale * r.int(180, 240) * 1_000_000_00);
      actuals.push({ indicatorCode: 'industrial_output', zoneId: z.id, month, value: output, source: '示例' });
      actuals.push({ indicatorCode: 'industrial_value_added', zoneId: z.id, month, value: Math.round(output * 0.28), source: '示例' });
      actuals.push({ indicatorCode: 'fixed_asset_investment', zoneId: z.id, month, value: Math.round(scale * r.int(20, 40) * 1_000_000_00), source: '示例' });
      actuals.push({
        indicatorCode: 'above_scale_enterprises',
        zoneId: z.id,
        month,
        value: (i === 0 ? 90 : 20) + (month.startsWith(String(year)) ? 4 : 0),
        source: '示例',
      });
    });
    actuals.push({ indicatorCode: 'city_industrial_output', zoneId: null, month, value: Math.round(14 * grow * 230 * 1_000_000_00), source: '示例' });
    actuals.push({ indicatorCode: 'city_above_scale_enterprises', zoneId: null, month, value: 200, source: '示例' });
  }
  for (let k = 0; k < actuals.length; k += 400) await indicatorsService.setActuals(ctx, { actuals: actuals.slice(k, k + 400) });
}
