import { describe, expect, it } from 'vitest';
import { creditCodeProblem } from './credit-code.ts';
import { messageInChinese } from './messages-zh.ts';

describe('messageInChinese', () => {
  it.each([
    ['is required', '必填'],
    ['is too long (at most 128 characters)', '过长（最多 128 个字符）'],
    ['must be whole fen: an integer number of 分, no decimals', '金额须为整数（以分计，不能有小数）'],
    [`unified social credit code ${creditCodeProblem('9144030071526726XA')}`, '统一社会信用代码校验位错误：应为“G”，实际为“A”，请核对'],
    ['shares sum to 9000 bp, not 10000', '业绩比例合计为 9000 bp（应为 10000，即 100%）'],
    [
      '铁岭华信阀门有限公司 is already a lead of 王招商, protected until 2027-02-23. Do not start a second lead: ask the owner or a manager, or claim it from the public pool once its protection lapses.',
      '撞单：铁岭华信阀门有限公司 已由 王招商 跟进，保护期至 2027-02-23。请勿重复登记，可联系负责人或管理人员。',
    ],
    ['You made this calculation; another manager must approve or reject it.', '您是本核算的制单人，须由另一位管理人员审批。'],
    ['creditCode: unified social credit code must be 18 characters (got 3); estimatedInvestmentFen: cannot be negative', 'creditCode：统一社会信用代码应为 18 位（当前 3 位）；estimatedInvestmentFen：不能为负数'],
  ])('%s', (english, chinese) => {
    expect(messageInChinese(english)).toBe(chinese);
  });

  it('leaves an unknown message as it was', () => {
    expect(messageInChinese('Something new happened.')).toBe('Something new happened.');
  });
});
