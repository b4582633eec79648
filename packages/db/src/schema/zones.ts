import { oneOf } from '../one-of.ts';
import { zoneLevels } from '@crm/shared';
import { rowNow } from '../clock.ts';
import { boolean, integer, pgTable, primaryKey, text, timestamp, uuid, uniqueIndex, index } from 'drizzle-orm/pg-core';

export const industries = pgTable('industries', {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull().unique(),
  description: text(),
  version: integer().notNull().default(1),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
});

// 产业链环节: up-, mid- and downstream nodes of an industry chain (policy 二(二)2).
export const chainNodes = pgTable(
  'chain_nodes',
  {
    id: uuid().primaryKey().defaultRandom(),
    industryId: uuid()
      .notNull()
      .references(() => industries.id),
    name: text().notNull(),
    position: text().notNull(), // upstream | midstream | downstream
    sortOrder: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [uniqueIndex('chain_nodes_industry_name_uq').on(t.industryId, t.name)],
);

export const zones = pgTable(
  'zones',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull().unique(),
    level: text({ enum: zoneLevels }).notNull(), // national | provincial | municipal
    county: text(),
    // 飞地园区 (policy 二(二)3): an enclave run with a partner that shares the benefit.
    isEnclave: boolean().notNull().default(false),
    enclavePartner: text(),
    benefitShareBp: integer(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [oneOf('zones_level_check', t.level, zoneLevels)],
);

// 主导产业 (1–2 per zone) and 战略性新兴产业 (1 per zone), policy 二(二)1.
export const zoneIndustries = pgTable(
  'zone_industries',
  {
    zoneId: uuid()
      .notNull()
      .references(() => zones.id),
    industryId: uuid()
      .notNull()
      .references(() => industries.id),
    kind: text().notNull(), // leading | emerging
  },
  (t) => [primaryKey({ columns: [t.zoneId, t.industryId] }), index('zone_industries_industry_idx').on(t.industryId)],
);

export const parks = pgTable(
  'parks',
  {
    id: uuid().primaryKey().defaultRandom(),
    zoneId: uuid()
      .notNull()
      .references(() => zones.id),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
  },
  (t) => [uniqueIndex('parks_zone_name_uq').on(t.zoneId, t.name)],
);

export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$defaultFn(rowNow).$onUpdate(rowNow),
});
