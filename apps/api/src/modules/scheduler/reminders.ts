import type { Db } from '@crm/db';
import { zoneDate, zoneDayStart } from '@crm/shared';
import type { AppConfig } from '../../lib/context.ts';
import { deadlineDay } from '../../lib/dates.ts';
import { managersFor, notify, type NewNotification } from '../inbox/notify.ts';
import * as repo from './repository.ts';
import { overdueNotifications } from '../approvals/service.ts';

const DAY = 86_400_000;

type Window = { from: Date; to: Date };

const iso = (d: Date) => d.toISOString();

/**
 * One scan of the window (cursor, now]: every reminder whose moment fell in it goes to its inboxes. Windows of
 * successive scans touch end to end, so each moment is seen once; and because every message has a unique key,
 * a window seen twice (two instances, a crash before the cursor moved) inserts nothing new.
 *
 * Leads edited since the last scan are looked at again whatever their deadline (a new estimate or zone may have
 * moved it into the past), so no deadline slips between two windows.
 */
export async function scanReminders(db: Db, config: AppConfig, window: Window): Promise<number> {
  const tz = config.timeZone;
  const { from, to: now } = window;
  const today = zoneDate(now, tz);
  const cursorDay = zoneDate(from, tz);
  const scan: repo.ScanWindow = { from, now, today, cursorDay, tz };
  const out: NewNotification[] = [];
  const managersByZone = new Map<string, string[]>();
  const zoneManagers = async (zoneId: string | null) => {
    const k = zoneId ?? '';
    let ids = managersByZone.get(k);
    if (!ids) {
      ids = await managersFor(db, zoneId ? await repo.zoneManagerId(db, zoneId) : null);
      managersByZone.set(k, ids);
    }
    return ids;
  };
  const clockParams = (l: repo.LeadRow) => ({
    companyName: l.companyName,
    phase: l.phase,
    dueAt: l.dueAt ? iso(l.dueAt) : null,
    dueOn: l.dueAt ? deadlineDay(l.dueAt, tz) : null,
  });
  const clockKey = (l: repo.LeadRow) => `${l.phase}:${l.dueAt ? deadlineDay(l.dueAt, tz) : ''}`;

  // 1. Overdue: deadlines that passed in the window (to the owner; to the managers too for major leads).
  const overdue = await repo.overdueLeads(db, scan);
  for (const l of overdue) {
    const recipients = new Set([l.ownerId, ...(l.isMajor ? await zoneManagers(l.zoneId) : [])]);
    for (const userId of recipients)
      out.push({ userId, kind: 'clock_overdue', subjectType: 'lead', subjectId: l.id, key: clockKey(l), params: clockParams(l) });
  }

  // 2. Escalation: overdue by more than a day goes to the manager.
  const escalated = await repo.escalatedLeads(db, scan, DAY);
  if (escalated.length) {
    const owners = await repo.userNames(db, [...new Set(escalated.map((l) => l.ownerId))]);
    const nameOf = new Map(owners.map((o) => [o.id, o.name]));
    for (const l of escalated) {
      for (const userId of await zoneManagers(l.zoneId)) {
        if (userId === l.ownerId) continue;
        out.push({
          userId,
          kind: 'clock_escalated',
          subjectType: 'lead',
          subjectId: l.id,
          key: clockKey(l),
          params: { ...clockParams(l), ownerName: nameOf.get(l.ownerId) ?? '' },
        });
      }
    }
  }

  // 3. Due tomorrow: once a new day begins, the clocks whose last day is tomorrow — unless the clock began today
  //    (a lead entered this morning does not need a reminder of its own 1-day deadline this evening).
  const dueTomorrow = await repo.dueTomorrowLeads(db, scan);
  for (const l of dueTomorrow)
    out.push({ userId: l.ownerId, kind: 'clock_due_tomorrow', subjectType: 'lead', subjectId: l.id, key: clockKey(l), params: clockParams(l) });

  // 4. Protection ends in 7 days: the lapse day (the first unprotected day) is at most a week away.
  if (cursorDay < today) {
    const ending = await repo.protectionEndingLeads(db, scan);
    for (const l of ending) {
      if (!l.protectionExpiresAt) continue;
      out.push({
        userId: l.ownerId,
        kind: 'protection_ending',
        subjectType: 'lead',
        subjectId: l.id,
        key: zoneDate(l.protectionExpiresAt, tz),
        params: { companyName: l.companyName, expiresAt: iso(l.protectionExpiresAt) },
      });
    }
  }

  // 5. A lead dropped into the public pool (protection lapsed, or lost): staff following its industry hear of it.
  const pooled = await repo.pooledLeads(db, scan);
  if (pooled.length) {
    const followers = await repo.industryFollowers(db, [...new Set(pooled.map((l) => l.industryId as string))]);
    for (const l of pooled) {
      const enteredAt = l.stage === 'lost' ? l.stageChangedAt : l.protectionExpiresAt;
      for (const f of followers) {
        if (f.industryId !== l.industryId || f.userId === l.ownerId || !enteredAt) continue;
        out.push({
          userId: f.userId,
          kind: 'pool_match',
          subjectType: 'lead',
          subjectId: l.id,
          key: iso(enteredAt),
          params: { companyName: l.companyName, industryName: f.industryName },
        });
      }
    }
  }

  // 6. A calculation submitted in the window awaits approval by any manager other than its maker.
  const submitted = await repo.submittedCalculations(db, from, now);
  if (submitted.length) {
    const managers = await managersFor(db, null);
    for (const c of submitted) {
      for (const userId of managers) {
        if (userId === c.makerId || !c.submittedAt) continue;
        out.push({
          userId,
          kind: 'approval_waiting',
          subjectType: 'reward_calculation',
          subjectId: c.id,
          key: iso(c.submittedAt),
          params: { subject: c.projectName ?? c.contractTitle ?? '', makerName: c.makerName, calculationKind: c.kind, dueFen: c.dueFen },
        });
      }
    }
  }

  // 7. A major lead entered (or raised to major): its manager is involved from the start.
  const major = await repo.majorLeads(db, scan);
  if (major.length) {
    const owners = await repo.userNames(db, [...new Set(major.map((l) => l.ownerId))]);
    const nameOf = new Map(owners.map((o) => [o.id, o.name]));
    for (const l of major) {
      for (const userId of await zoneManagers(l.zoneId)) {
        if (userId === l.ownerId) continue;
        out.push({
          userId,
          kind: 'major_lead',
          subjectType: 'lead',
          subjectId: l.id,
          key: 'major',
          params: { companyName: l.companyName, ownerName: nameOf.get(l.ownerId) ?? '', estimatedInvestmentFen: l.estimatedInvestmentFen },
        });
      }
    }
  }

  // 9. Approval items past their statutory days or their 容缺 documents' deadline: the project's owner is told once
  // per reason and deadline (issue 14). Open items are few; the unique key makes every later scan a no-op.
  out.push(...(await overdueNotifications(db, today)));

  // 8. Today's digest for every zone with a group robot, once its hour has come.
  const robots = await repo.robotZones(db);
  const todayStart = zoneDayStart(today, tz);
  for (const r of robots) {
    const sendFrom = new Date(todayStart.getTime() + r.digestHour * 3_600_000);
    if (now >= sendFrom) await repo.planJob(db, { kind: 'digest', key: `digest:${r.zoneId}:${today}`, runAt: now, payload: { zoneId: r.zoneId, date: today } });
  }

  return notify(db, out);
}
