import { createHmac } from 'node:crypto';
import type { Db } from '@crm/db';
import type { AppConfig } from '../../lib/context.ts';
import * as repo from './repository.ts';

const PHASE_ZH: Record<string, string> = { respond: '响应', judge: '研判', feedback: '反馈', report: '跟进汇报' };

/** The zone's day in numbers and the most overdue leads, as the markdown both robots read. */
export async function digestText(db: Db, config: AppConfig, zoneId: string, date: string, now: Date): Promise<{ title: string; text: string } | null> {
  const zone = await repo.zoneName(db, zoneId);
  if (!zone) return null;
  const { counts, late } = await repo.zoneClocks(db, zoneId, date, config.timeZone, now);
  const title = `${zone.name} 招商线索日报 ${date}`;
  const lines = [
    `### ${title}`,
    `> 计时中 **${counts?.running ?? 0}** 条，今日到期 **${counts?.dueToday ?? 0}** 条，超期 **${counts?.overdue ?? 0}** 条（超期一天以上 **${counts?.escalated ?? 0}** 条）`,
  ];
  if (late.length) {
    lines.push('', '**超期线索**');
    for (const l of late) {
      const hours = l.dueAt ? Math.floor((now.getTime() - l.dueAt.getTime()) / 3_600_000) : 0;
      lines.push(`- ${l.companyName} · ${PHASE_ZH[l.phase ?? ''] ?? l.phase} · 超期 ${hours} 小时 · ${l.ownerName}`);
    }
  }
  return { title, text: lines.join('\n') };
}

/** 钉钉 加签: timestamp and HMAC-SHA256 of "timestamp\nsecret", base64, in the query. */
export function signedDingTalkUrl(url: string, secret: string, at: Date): string {
  const timestamp = String(at.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', timestamp);
  u.searchParams.set('sign', sign);
  return u.toString();
}

/**
 * Sends a zone's daily digest to its group robot. Throws on any failure (network, timeout, non-2xx, or the robot's
 * own errcode), which the scheduler records and retries a bounded number of times.
 */
export async function sendDigest(db: Db, config: AppConfig, payload: { zoneId: string; date: string }, now: Date): Promise<void> {
  const robot = await repo.zoneRobot(db, payload.zoneId);
  if (!robot?.webhookUrl || !robot.webhookKind) return; // the robot was removed since the digest was planned
  const digest = await digestText(db, config, payload.zoneId, payload.date, now);
  if (!digest) return;
  const body =
    robot.webhookKind === 'dingtalk'
      ? { msgtype: 'markdown', markdown: { title: digest.title, text: digest.text } }
      : { msgtype: 'markdown', markdown: { content: digest.text } };
  const url = robot.webhookKind === 'dingtalk' && robot.webhookSecret ? signedDingTalkUrl(robot.webhookUrl, robot.webhookSecret, now) : robot.webhookUrl;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(config.scheduler.webhookTimeoutMs),
    redirect: 'error',
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`the robot answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; anything else is a refusal (a wrong key, a bad sign …).
  let answer: { errcode?: number; errmsg?: string } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    answer = {};
  }
  if (typeof answer.errcode === 'number' && answer.errcode !== 0)
    throw new Error(`the robot refused the message: errcode ${answer.errcode} ${answer.errmsg ?? ''}`.trim());
}
