import { rowNow } from '../clock.ts';
import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { zones } from './zones.ts';

/**
 * 一(三) indicators as data (issue 14): what each indicator is, its unit, whether people enter it or the CRM
 * computes it from project records, and how a period's figures add up (a flow sums months; a stock takes the
 * latest month). The rows are written by the migration that creates the table; codes are stable.
 */
export const indicatorDefinitions = pgTable('indicator_definitions', {
  code: text().primaryKey(),
  name: text().notNull(),
  // fen | count | bp (a rate or share in basis points, 1% = 100)
  unit: text().notNull(),
  // entered: monthly actuals typed in; computed: from project records; derived: a rate of entered actuals
  source: text().notNull(),
  // flow (months add up) | stock (the latest month stands) | rate
  aggregation: text().notNull(),
  // zone: per zone | city: the city's total (the denominator of a share)
  scope: text().notNull().default('zone'),
  policyRef: text(),
  sortOrder: integer().notNull().default(0),
});

/** A target per year and zone; zone null is the target of all the zones together (全市经济开发区). */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: uuid().primaryKey().defaultRandom(),
    indicatorCode: text()
      .notNull()
      .references(() => indicatorDefinitions.code),
    zoneId: uuid().references(() => zones.id),
    year: integer().notNull(),
    // In the indicator's unit: fen, a count, or basis points.
    target: bigint({ mode: 'number' }).notNull(),
    note: text(),
    updatedBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [
    uniqueIndex('indicator_targets_zone_uq').on(t.indicatorCode, t.zoneId, t.year).where(sql`${t.zoneId} is not null`),
    uniqueIndex('indicator_targets_all_uq').on(t.indicatorCode, t.year).where(sql`${t.zoneId} is null`),
    index('indicator_targets_year_idx').on(t.year),
  ],
);

/** A month's entered actual (the figures the CRM cannot know): per zone, or the city's (zone null). */
export const indicatorActuals = pgTable(
  'indicator_actuals',
  {
    id: uuid().primaryKey().defaultRandom(),
    indicatorCode: text()
      .notNull()
      .references(() => indicatorDefinitions.code),
    zoneId: uuid().references(() => zones.id),
    // YYYY-MM, the zone's calendar month
    month: text().notNull(),
    value: bigint({ mode: 'number' }).notNull(),
    source: text(),
    enteredBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [
    uniqueIndex('indicator_actuals_zone_uq').on(t.indicatorCode, t.zoneId, t.month).where(sql`${t.zoneId} is not null`),
    uniqueIndex('indicator_actuals_city_uq').on(t.indicatorCode, t.month).where(sql`${t.zoneId} is null`),
    index('indicator_actuals_month_idx').on(t.month),
  ],
);
