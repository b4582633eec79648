import { oneOf } from '../one-of.ts';
import { agentKinds, agentStatuses } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { boolean, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// 招商代理: agencies, intermediaries, referring enterprises (以商招商) and individuals (policy 二(二)4).
export const agents = pgTable(
  'agents',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: text({ enum: agentKinds }).notNull(), // agency | intermediary | enterprise | individual
    contactName: text(),
    phone: text(),
    email: text(),
    creditCode: text(),
    // Eligibility (domain.md reward engine): such agents are never paid an introduction reward.
    isGovernmentUnit: boolean().notNull().default(false),
    isPlatformCompany: boolean().notNull().default(false),
    relatedPartyNote: text(),
    status: text({ enum: agentStatuses }).notNull().default('active'), // active | suspended | terminated
    notes: text(),
    createdBy: uuid().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [
    oneOf('agents_status_check', t.status, agentStatuses),
    oneOf('agents_kind_check', t.kind, agentKinds),
    index('agents_created_idx').on(t.createdAt, t.id),
  ],
);

// 委托招商协议: an agent's agreements with their dates.
export const agentAgreements = pgTable(
  'agent_agreements',
  {
    id: uuid().primaryKey().defaultRandom(),
    agentId: uuid()
      .notNull()
      .references(() => agents.id),
    title: text().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }),
    status: text().notNull().default('active'), // active | ended
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [index('agent_agreements_agent_idx').on(t.agentId)],
);
