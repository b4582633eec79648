import type { agentAgreements, agents } from '@crm/db';
import { problem, traceStep } from '@crm/shared';
import type { Ctx } from '../../lib/context.ts';

type AgentRow = typeof agents.$inferSelect;
type AgreementRow = typeof agentAgreements.$inferSelect;
export type AgreementRef = { id: string; title: string; startsOn: string; endsOn: string | null };

const inForce = (a: AgreementRow, date: string) => a.status === 'active' && a.startsOn <= date && (a.endsOn === null || date <= a.endsOn);
const refOf = (a: AgreementRow): AgreementRef => ({ id: a.id, title: a.title, startsOn: a.startsOn, endsOn: a.endsOn });
const listed = (agreements: AgreementRow[]) =>
  agreements.length === 0
    ? 'it has none'
    : `its agreements: ${agreements.map((a) => `"${a.title}" ${a.startsOn} – ${a.endsOn ?? 'open'}${a.status === 'active' ? '' : ` (${a.status})`}`).join('; ')}`;

/** Money goes only to an active agent: a suspended or terminated one is paid nothing until a manager or finance reactivates it. */
function assertActive(agent: AgentRow, what: string) {
  if (agent.status !== 'active') {
    throw problem(
      'AGENT_NOT_ACTIVE',
      { agent: agent.name, status: agent.status, what },
      {
        reason: 'agent_not_active',
        agentId: agent.id,
        status: agent.status,
      },
    );
  }
}

/**
 * Agreements gate agent money (issue 8): an introduction reward needs an agreement (委托招商协议) in force on the
 * milestone's date. Refused with 412 naming the agent and what is missing; the agreement found is named in the trace.
 */
export function agreementOnDate(agent: AgentRow, agreements: AgreementRow[], date: string, what: string): AgreementRef {
  assertActive(agent, what);
  const found = agreements.filter((a) => inForce(a, date)).sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0];
  if (!found) {
    throw problem(
      'NO_AGREEMENT',
      { agent: agent.name, date, what, agreements: listed(agreements) },
      { reason: 'no_agreement', agentId: agent.id, agentName: agent.name, date },
    );
  }
  return refOf(found);
}

/** A service fee needs agreements in force on every day it pays for (one, or several back to back). */
export function agreementsOverRange(
  agent: AgentRow,
  agreements: AgreementRow[],
  from: string,
  to: string,
  addDays: (date: string, n: number) => string,
  what: string,
): AgreementRef[] {
  assertActive(agent, what);
  const used: AgreementRef[] = [];
  let day = from;
  while (day <= to) {
    const cover = agreements.filter((a) => inForce(a, day)).sort((a, b) => ((a.endsOn ?? '9999') < (b.endsOn ?? '9999') ? 1 : -1))[0];
    if (!cover) {
      throw problem(
        'NO_AGREEMENT_PERIOD',
        { agent: agent.name, date: day, what, from, to, agreements: listed(agreements) },
        { reason: 'no_agreement', agentId: agent.id, agentName: agent.name, date: day },
      );
    }
    used.push(refOf(cover));
    if (cover.endsOn === null || cover.endsOn >= to) break;
    day = addDays(cover.endsOn, 1);
  }
  return used;
}

export const agreementTrace = (refs: AgreementRef[]) =>
  refs.map((a) =>
    a.endsOn ? traceStep('AGREEMENT', { title: a.title, from: a.startsOn, to: a.endsOn }) : traceStep('AGREEMENT_OPEN', { title: a.title, from: a.startsOn }),
  );

/**
 * Nobody acts on money in which they have a stake (issue 8): a payee, or a staff member credited on the project,
 * neither computes, submits, approves, rejects nor pays it.
 */
export function assertNoStake(ctx: Ctx, stakeholders: Iterable<string>, what: string) {
  for (const id of stakeholders) {
    if (id === ctx.actor.id) {
      throw problem('OWN_STAKE', { action: what }, { reason: 'own_stake' });
    }
  }
}
