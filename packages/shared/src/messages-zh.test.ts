import { describe, expect, it } from 'vitest';
import { creditCodeProblem } from './credit-code.ts';
import { messageInChinese } from './messages-zh.ts';

describe('messageInChinese', () => {
  it.each([
    ['is required', '必填'],
    ['The file is too large: at most 30 MB. Split the sheet into several files and import them one after another.', '文件过大：最大 30 MB。请把表格拆成几个文件依次导入。'],
    ['Row 650 is refused now (撞单：甲公司 已是 王五 的线索): the CRM changed since the check. Nothing was imported; check the file again.', '第 650 行现在被拒绝（撞单：甲公司 已是 王五 的线索）：检查之后系统中的数据有变化，未导入任何数据，请重新检查。'],
    ['mapping: map a column to 企业名称 (companyName): it is required', 'mapping：须有一列对应“企业名称”（必填）'],
    ['is too long (at most 128 characters)', '过长（最多 128 个字符）'],
    ['must be whole fen: an integer number of 分, no decimals', '金额须为整数（以分计，不能有小数）'],
    [`unified social credit code ${creditCodeProblem('9144030071526726XA')}`, '统一社会信用代码校验位错误：应为“G”，实际为“A”，请核对'],
    ['shares sum to 9000 bp, not 10000', '业绩比例合计为 9000 bp（应为 10000，即 100%）'],
    [
      '铁岭华信阀门有限公司 is already a lead of 王招商, protected until 2027-02-23. Do not start a second lead: ask the owner or a manager, or claim it from the public pool once its protection lapses.',
      '撞单：铁岭华信阀门有限公司 已由 王招商 跟进，保护期至 2027-02-23。请勿重复登记，可联系负责人或管理人员。',
    ],
    ['You made this calculation; another manager must approve or reject it.', '您是本核算的制单人，须由另一位管理人员审批。'],
    ['companyName: contains an invisible control or direction character (U+202E): remove it and type the text again', 'companyName：含有不可见的控制字符或方向字符（U+202E），请删除后重新输入'],
    ['occurredOn: must be between 2000-01-01 and 2099-12-31', 'occurredOn：须在 2000-01-01 至 2099-12-31 之间'],
    ['newPassword: is a commonly used password: choose a longer phrase only you would think of', 'newPassword：是常见密码，请换一个只有您想得到的较长短语'],
    ['This lead is in the public pool (公海): claim it first, then log the follow-up.', '该线索在公海中：请先认领，再登记跟进。'],
    ['creditCode: unified social credit code must be 18 characters (got 3); estimatedInvestmentFen: cannot be negative', 'creditCode：统一社会信用代码应为 18 位（当前 3 位）；estimatedInvestmentFen：不能为负数'],
    ['contractInvestmentFen: cannot be more than ¥1,000,000,000,000.00 (100000000000000 fen)', 'contractInvestmentFen：不能超过 ¥1,000,000,000,000.00（一万亿元，金额上限）'],
    ['occurredOn: cannot be before the lead was created (2026-09-01), so log only what happened since then', 'occurredOn：不能早于线索登记日期（2026-09-01）'],
    [
      '林建国 has no agreement (委托招商协议) in force on 2026-09-12: an introduction reward needs one (it has none). Add the agreement to the agent first.',
      '林建国 在 2026-09-12 没有有效的委托招商协议：引进奖励须有协议。请先为该代理添加协议。',
    ],
    ['2027-12 has not ended (it ends on 2027-12-31): a service fee is computed and paid only for a period that is over, from 2028-01-01 on.', '2027-12 尚未结束（2027-12-31 结束）：服务费只对已结束的期间核算和支付。'],
    [
      'The amount changed since this calculation was made: a figure was verified: the basis is ¥70,000,000.00 now (was ¥60,000,000.00); the project\'s credits changed. Compute it again (the new calculation supersedes this one) and have it approved.',
      '核算之后金额已发生变化：有新核实的数据：计奖基数现为 ¥70,000,000.00（核算时为 ¥60,000,000.00）；项目业绩归属已变更。请重新核算（新核算将取代本核算）并重新审批后再支付。',
    ],
    ['You cannot approve or reject this calculation: you are paid by it or hold credit on its project. Someone without a stake in it must do this.', '您是该笔款项的收款人或在该项目中有业绩归属，不能办理，须由无利益关系的人员办理。'],
  ])('%s', (english, chinese) => {
    expect(messageInChinese(english)).toBe(chinese);
  });

  it('leaves an unknown message as it was', () => {
    expect(messageInChinese('Something new happened.')).toBe('Something new happened.');
  });
});
