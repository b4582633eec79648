import { oneOf } from '../one-of.ts';
import { eventKinds } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.ts';
import { zones } from './zones.ts';

// 招商活动: promotion events the zone hosts or attends (推介会, 展会, 考察团, 以商招商 dinners). Leads name the event
// they came from (leads.source_event_id), which is how an event's return is counted.
export const promotionEvents = pgTable(
  'promotion_events',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: text({ enum: eventKinds }).notNull(), // roadshow | expo | delegation | business_dinner | other
    heldOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }),
    place: text().notNull(),
    organiser: text().notNull(),
    zoneId: uuid().references(() => zones.id),
    costFen: bigint({ mode: 'number' }).notNull().default(0),
    staffIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    attendeeCount: integer().notNull().default(0),
    participants: text(),
    notes: text(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [oneOf('promotion_events_kind_check', t.kind, eventKinds), index('promotion_events_held_idx').on(t.heldOn, t.id)],
);
