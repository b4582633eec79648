/**
 * Not a test: how long importing 100,000 leads from one .xlsx takes, and how much the process grows meanwhile.
 * Generates the file with exceljs' streaming writer, uploads it, checks it and imports it through the real app on a
 * server Postgres (its own database, created when missing), printing each step's time and the RSS growth.
 *
 *   pnpm bench:import   (IMPORT_BENCH_DATABASE_URL picks the database, default crm_import_bench)
 *   (IMPORT_BENCH_ROWS=100000 by default)
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../apps/api/src/app.ts';
import { openDb } from '@crm/db';
import { makeUser, makeZone, TEST_PASSWORD, unique } from '@crm/db/test/factories';
import { creditCodeCheckChar, type DataImport } from '@crm/shared';
import ExcelJS from 'exceljs';
import postgres from 'postgres';

const url = process.env.IMPORT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/crm_import_bench';
const ROWS = Number(process.env.IMPORT_BENCH_ROWS ?? 100_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function ensureDatabase() {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = postgres(u.toString(), { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
  if (!exists) await admin.unsafe(`create database "${name}"`);
  await admin.end();
}

async function main() {
  await ensureDatabase();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-import-bench-'));
  const handle = await openDb({ url });
  const app = await buildApp({
    db: handle,
    jwtSecret: 'bench-secret-bench-secret-bench-secret-0123',
    config: { attachmentsDir: dir, scheduler: { enabled: false }, rateLimit: { signInPerMinute: 1000, refreshPerMinute: 1000 } },
  });
  try {
    const manager = await makeUser(handle.db, { roles: ['manager'], displayName: unique('导入主任') });
    const staff = await Promise.all(Array.from({ length: 5 }, () => makeUser(handle.db, { roles: ['staff'], displayName: unique('招商') })));
    const { zone } = await makeZone(handle.db);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: manager.username, password: TEST_PASSWORD } });
    const headers = { authorization: `Bearer ${login.json<{ accessToken: string }>().accessToken}` };

    // The sheet, written row by row to disk.
    let t = performance.now();
    const file = path.join(dir, 'leads.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
    const ws = writer.addWorksheet('线索');
    ws.addRow(['企业名称', '统一社会信用代码', '联系人', '电话', '开发区/园区', '渠道', '预计投资(万元)', '负责人', '登记日期']).commit();
    const run = unique('');
    const codePrefix = String(1000 + Math.floor(Math.random() * 9000));
    for (let i = 0; i < ROWS; i++) {
      const first17 = `9135${codePrefix}M${String(i).padStart(8, '0')}`;
      ws.addRow([
        `${run}压测企业${i}有限公司`,
        first17 + creditCodeCheckChar(first17),
        '联系人',
        '13800000000',
        zone.name,
        '产业链招商',
        `${i % 5000}.25`,
        staff[i % staff.length]!.displayName,
        '2025-11-30',
      ]).commit();
    }
    ws.commit();
    await writer.commit();
    const size = statSync(file).size;
    console.log(`generated ${ROWS.toLocaleString()} rows: ${mb(size)} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    global.gc?.();
    const base = process.memoryUsage().rss;
    let peak = base;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

    const boundary = '----bench';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="leads.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      readFileSync(file),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    t = performance.now();
    const up = await app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: body,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    if (up.statusCode !== 201) throw new Error(up.body);
    const imp = up.json<DataImport>();
    console.log(`upload:  ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const checked = await app.inject({ method: 'PUT', url: `/api/imports/${imp.id}/mapping`, payload: { mapping: imp.mapping }, headers });
    const c = checked.json<DataImport>();
    if (checked.statusCode !== 200 || c.refusedRows > 0) throw new Error(`check: ${checked.body.slice(0, 2000)}`);
    console.log(`check:   ${((performance.now() - t) / 1000).toFixed(1)} s (${c.totalRows.toLocaleString()} rows, ${c.refusedRows} refused)`);

    t = performance.now();
    const started = await app.inject({ method: 'POST', url: `/api/imports/${imp.id}/run`, headers });
    if (started.statusCode !== 202) throw new Error(started.body);
    let state: DataImport = started.json();
    let lastShown = -1;
    while (state.status === 'importing') {
      await new Promise((r) => setTimeout(r, 1000));
      state = (await app.inject({ method: 'GET', url: `/api/imports/${imp.id}`, headers })).json();
      const pct = Math.floor((state.processedRows / ROWS) * 10);
      if (pct !== lastShown && state.status === 'importing') console.log(`  … ${state.processedRows.toLocaleString()} rows`);
      lastShown = pct;
    }
    clearInterval(sampler);
    console.log(
      `import:  ${((performance.now() - t) / 1000).toFixed(1)} s → ${state.status}, ${state.importedRows.toLocaleString()} leads${state.error ? ` (${state.error})` : ''}`,
    );
    console.log(`RSS: ${mb(base)} before upload, peak ${mb(peak)} (growth ${mb(peak - base)}; the upload body itself is ${mb(body.length)})`);
  } finally {
    await app.close();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
