/**
 * The API speaks English to integrators; people using the zh-CN interface read its messages in Chinese. This
 * table turns the API's own message forms into Chinese, one pattern per message the services and schemas
 * write. A message without a pattern is shown as the server wrote it (never hidden). Keep it beside the
 * messages: a new user-facing message in the API should get its line here.
 */
const patterns: [RegExp, string][] = [
  // Field messages (zod schemas and services).
  [/^is required$/, '必填'],
  // Spreadsheet imports (issue 12).
  [/^The file is too large: at most (\d+) MB\..*$/, '文件过大：最大 $1 MB。请把表格拆成几个文件依次导入。'],
  [/^must be an \.xlsx or \.csv file \(got "(.*)"\).*$/, '须为 .xlsx 或 .csv 文件（当前为“$1”）；.xls 请先另存为 .xlsx'],
  [/^is an old \.xls workbook.*$/, '是旧版 .xls 工作簿：请用 Excel 或 WPS 另存为 .xlsx 后上传'],
  [/^is named \.xlsx but is not an Excel workbook$/, '文件名为 .xlsx，但内容不是 Excel 工作簿'],
  [/^is named \.csv but is a workbook: name it \.xlsx$/, '文件名为 .csv，但内容是 Excel 工作簿：请改名为 .xlsx'],
  [/^could not be read as .*$/, '无法读取：请打开文件重新保存后再上传'],
  [/^has no header row.*$/, '没有表头行：第一行须为列名（企业名称、统一社会信用代码……）'],
  [/^map a column to (\S+) \(\w+\): it is required$/, '须有一列对应“$1”（必填）'],
  [/^(\S+) \(\w+\) is mapped to two columns; map it to one$/, '“$1”对应了两列，请只保留一列'],
  [/^(\d+) rows are refused: nothing is imported while any row is\..*$/, '有 $1 行被拒绝：存在被拒绝的行时不会导入任何数据。请下载检查报告，修改文件后重新上传。'],
  [/^Row (\d+) is refused now \((.*)\): the CRM changed since the check\..*$/, '第 $1 行现在被拒绝（$2）：检查之后系统中的数据有变化，未导入任何数据，请重新检查。'],
  [/^Staff import leads in their own name only.*$/, '招商人员只能导入自己名下的线索；为他人导入请由管理人员操作。'],
  [/^is too long \(at most (\d+) characters\)$/, '过长（最多 $1 个字符）'],
  [/^must be at least (\d+) characters$/, '至少 $1 个字符'],
  [/^cannot be negative$/, '不能为负数'],
  [/^is too large$/, '数值过大'],
  [/^cannot be more than ¥1,000,000,000,000\.00 \(100000000000000 fen\)$/, '不能超过 ¥1,000,000,000,000.00（一万亿元，金额上限）'],
  [/^cannot be more than (¥[\d,.]+), the most any one reward may be$/, '不能超过 $1（单笔奖励的上限）'],
  [/^a cap is needed: without one this version could pay up to (¥[\d,.]+) on the largest basis \((¥[\d,.]+)\), so set a cap of at most (¥[\d,.]+)$/, '须设置封顶金额：不封顶时按最大基数（$2）可能发放 $1，封顶金额最多 $3'],
  [/^cannot be before the lead was created \((\d{4}-\d{2}-\d{2})\).*$/, '不能早于线索登记日期（$1）'],
  [/^is not a staff member who is scored$/, '不是参加考核的招商人员'],
  [/^managers and finance only$/, '仅限管理人员和财务修改'],
  [/^staff, managers and admins only$/, '仅限招商人员、管理人员和管理员修改'],
  [/^must be whole fen: an integer number of 分, no decimals$/, '金额须为整数（以分计，不能有小数）'],
  [/^must be an amount in fen \(a whole number\)$/, '须为以分计的整数金额'],
  [/^must be more than zero$/, '须大于零'],
  [/^must be a whole number$/, '须为整数'],
  [/^must be whole basis points.*$/, '须为整数基点'],
  [/^must be a date as YYYY-MM-DD$/, '日期格式应为 YYYY-MM-DD'],
  [/^must be a valid id.*$/, '编号格式不正确'],
  [/^must be one of (.+)$/, '取值须为以下之一：$1'],
  [/^must not be before the start date$/, '不能早于开始日期'],
  [/^cannot be in the future.*$/, '不能晚于今天'],
  [/^at most two decimals$/, '最多两位小数'],
  [/^is taken$/, '已被占用'],
  [/^unified social credit code must be 18 characters \(got (\d+)\)$/, '统一社会信用代码应为 18 位（当前 $1 位）'],
  [/^unified social credit code character "(.)" is not allowed.*$/, '统一社会信用代码不能包含字符“$1”（不使用 I、O、S、V、Z）'],
  [/^unified social credit code check character is wrong: expected "(.)" but got "(.)".*$/, '统一社会信用代码校验位错误：应为“$1”，实际为“$2”，请核对'],
  [/^this channel goes through an agent: choose the agent$/, '该招商渠道须选择招商代理'],
  [/^the park must belong to the chosen zone$/, '园区须属于所选开发区'],
  [/^the chain node must belong to the chosen industry$/, '产业链环节须属于所选产业'],
  [/^this (industry|zone|park|agent|chain node) does not exist$/, '所选项不存在，请重新选择'],
  [/^this agent is terminated; choose an active agent$/, '该代理已终止合作，请选择有效代理'],
  [/^say why the lead was lost$/, '请填写流失原因'],
  [/^the lead is already in stage "(.+)"$/, '线索已处于该阶段'],
  [/^a lead is signed with POST .*$/, '签约请使用“签约”功能（同时创建项目）'],
  [/^the next follow-up cannot be before the activity itself$/, '下次跟进日期不能早于本次跟进'],
  [/^shares sum to (\d+) bp, not 10000$/, '业绩比例合计为 $1 bp（应为 10000，即 100%）'],
  [/^shares must sum to exactly 10000 bp \(100%\); they sum to (\d+) bp$/, '业绩比例合计须为 100%（10000 bp），当前为 $1 bp'],
  [/^weights must sum to 100; they sum to (\d+)$/, '权重合计须为 100，当前为 $1'],
  [/^(\d{4}-\d{2}-\d{2}) is before "(.+)" \((\d{4}-\d{2}-\d{2})\); a milestone cannot be dated before an earlier one$/, '$1 早于“$2”（$3）：里程碑日期不能早于前一节点'],
  [/^record "(.+)" first; milestones come in order.*$/, '请先记录“$1”：里程碑须按顺序记录'],
  [/^"(.+)" comes before "(.+)", which is already recorded.*$/, '“$1”在“$2”之前，而后者已记录：里程碑须按顺序记录'],
  [/^an enclave zone needs its partner named$/, '飞地园区须填写合作方'],
  [/^you cannot deactivate your own account$/, '不能停用自己的账户'],
  [/^you cannot remove your own admin role.*$/, '不能移除自己的管理员角色'],
  [/^is not your current password$/, '不是您当前的密码'],
  [/^must differ from your current password$/, '不能与当前密码相同'],
  [/^must not contain the username$/, '不能包含用户名'],
  [/^is a commonly used password.*$/, '是常见密码，请换一个只有您想得到的较长短语'],
  [/^is too easy to guess here.*$/, '过于容易猜到（系统名、开发区名或常见词），请换一个较长的短语'],
  [/^is a repeated or sequential pattern.*$/, '是重复或连续的字符，请换一个较长的短语'],
  [/^contains an invisible control or direction character \((U\+[0-9A-F]{4,6})\).*$/, '含有不可见的控制字符或方向字符（$1），请删除后重新输入'],
  [/^contains a broken character.*$/, '含有无法保存的字符，请重新输入'],
  [/^is required: it has no visible characters$/, '必填（不能只含不可见字符）'],
  [/^must be between (\d{4}-\d{2}-\d{2}) and (\d{4}-\d{2}-\d{2})$/, '须在 $1 至 $2 之间'],
  [/^is not a cursor this API gave out.*$/, '翻页标记无效，请从第一页重新开始'],
  // Whole messages (services).
  [/^(.+) is already a lead of (.+?), protected until (\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?)\..*$/, '撞单：$1 已由 $2 跟进，保护期至 $3。请勿重复登记，可联系负责人或管理人员。'],
  [/^(.+) is already a lead of (.+?) \(signed\)\..*$/, '撞单：$1 已由 $2 跟进并已签约。'],
  [/^This (.+) was changed by someone else since you opened it.*$/, '该记录已被他人修改，请刷新后重新操作。'],
  [/^You cannot (.+?): it needs the (.+) role\.$/, '无权执行此操作（需要相应角色）。'],
  [/^You cannot .+: this (lead|project) belongs to (.+?)\. Only its owner or a manager can\.$/, '无权操作：该记录由 $2 负责，仅负责人或管理人员可以操作。'],
  [/^This (lead|project) belongs to (.+?)\. .*$/, '该记录由 $2 负责，如需查看请联系负责人或管理人员。'],
  [/^This (.+) was not found\..*$/, '未找到该记录，请检查后重试。'],
  [/^Wrong username or password\.$/, '用户名或密码错误。'],
  [/^Too many failed sign-ins: the account is locked for (\d+) minutes\.$/, '登录失败次数过多，账户已锁定 $1 分钟。'],
  [/^This account is locked after too many failed sign-ins until (.+?)\. Wait.*$/, '账户因多次登录失败已锁定，至 $1 解锁；也可联系管理员解锁。'],
  [/^Your session has (expired|ended).*$/, '登录已过期，请重新登录。'],
  [/^This account is not active\..*$/, '该账户已停用，请联系管理员。'],
  [/^This lead is not in the public pool: (.+?) has it.*$/, '该线索不在公海：已由 $1 跟进。'],
  [/^Your protection of this lead lapsed.*$/, '该线索的保护期已过，同事可认领；如需继续跟进，请管理人员重新分配给您。'],
  [/^This lead is already yours\.$/, '该线索已归您负责。'],
  [/^This lead is already signed.*$/, '该线索已签约，项目已存在。'],
  [/^This lead is lost\. .*$/, '该线索已流失，请先恢复到跟进阶段再签约。'],
  [/^You made this calculation; another manager must approve or reject it\.$/, '您是本核算的制单人，须由另一位管理人员审批。'],
  [/^You reported this figure; another manager must verify it\.$/, '该数据由您上报，须由另一位管理人员核实。'],
  [/^No verified "(.+)" figure for this project.*$/, '该项目尚无已核实的“$1”数据：请先上报，并由管理人员核实。'],
  [/^The project has not reached "(.+)" yet.*$/, '项目尚未到达“$1”节点：请先记录该里程碑。'],
  [/^This was already paid .*$/, '该节点已支付：同一项目、政策、收款方和节点只支付一次。'],
  [/^A payment for this milestone and payee is already recorded.*$/, '该节点已登记支付：同一收款方只支付一次。'],
  [/^Nothing is due on this calculation.*$/, '本次核算无应付金额（多付部分只追回，不支付）。'],
  [/^This calculation is (\w+), not (\w+); reload it.*$/, '核算状态已变化，请刷新后查看。'],
  [/^Nobody scored above 0 in this period.*$/, '本期无人得分，无法按得分分配绩效工资。'],
  // Issue 8: the ledger, agreements, stakes and periods.
  [/^"(.+)" was already paid \(calculation [0-9a-f-]+\), and it includes the installment at "(.+)"\..*$/, '“$1”节点已支付，其中已包含“$2”的分期款；如需更正，在下一节点多退少补。'],
  [/^(.+) has no agreement \(委托招商协议\) in force on (\d{4}-\d{2}-\d{2}): an introduction reward needs one.*$/, '$1 在 $2 没有有效的委托招商协议：引进奖励须有协议。请先为该代理添加协议。'],
  [/^(.+) has no agreement \(委托招商协议\) in force on (\d{4}-\d{2}-\d{2}): a service fee .*$/, '$1 在 $2 没有有效的委托招商协议：服务费所涵盖的每一天都须有协议。请先为该代理添加协议。'],
  [/^(.+) is (suspended|terminated): no .* is paid to an agent that is not active\..*$/, '$1 已暂停或终止合作：不向非有效状态的代理支付；管理人员或财务可恢复其状态。'],
  [/^You cannot .+: you are paid by it or hold credit on its project\..*$/, '您是该笔款项的收款人或在该项目中有业绩归属，不能办理，须由无利益关系的人员办理。'],
  [/^You hold credit on this project \(or own it\).*$/, '您在该项目中有业绩归属（或为项目负责人），须由无利益关系的管理人员核实数据。'],
  [/^(\d{4}-(?:\d{2}|Q\d)) has not ended \(it ends on (\d{4}-\d{2}-\d{2})\).*$/, '$1 尚未结束（$2 结束）：服务费只对已结束的期间核算和支付。'],
  [/^Only managers and finance change (.+): these decide whether the agent is paid\.$/, '只有管理人员和财务可以修改代理的资格标记和状态（$1），它们决定是否向其支付。'],
  [/^Finance changes only an agent's eligibility and status.*$/, '财务只能修改代理的资格标记和状态，其他信息由招商人员或管理人员维护。'],
  [/^Something went wrong on our side.*$/, '系统出现问题，请稍后重试；如持续出现，请联系管理员。'],
  [/^Choose a new password first.*$/, '请先设置您自己的密码（当前密码由管理员设置）。'],
  [/^Too many sign-in attempts for this account at once.*$/, '该账户同时登录尝试过多，请稍后再试。'],
  [/^This request must come from the CRM's own pages.*$/, '请求须来自本系统页面，请刷新后重试。'],
  [/^You cannot log activities on this lead: it belongs to (.+?)\. .*$/, '仅线索负责人可登记跟进：该线索由 $1 负责。'],
  [/^This lead is in the public pool \(公海\): your protection lapsed.*$/, '该线索已进入公海（您的保护期已过）：请管理人员重新分配给您后再登记跟进。'],
  [/^This lead is in the public pool \(公海\): claim it first.*$/, '该线索在公海中：请先认领，再登记跟进。'],
  [/^The request body is too large \(at most (\d+) KiB\).*$/, '请求内容过大（最多 $1 KiB），请分批提交。'],
  [/^Too many requests.*$/, '请求过于频繁，请稍后再试。'],
];

/** What changed since a calculation was made (the 409 that refuses a payment), one reason at a time. */
const staleReasons: [RegExp, string][] = [
  [/^a payment was recorded under this policy for the project \(paid (¥[\d,.]+) then, (¥[\d,.]+) now\)$/, '该项目在此政策下又有支付记录（核算时已付 $1，现已付 $2）'],
  [/^a figure was verified: the basis is (¥[\d,.]+) now \(was (¥[\d,.]+)\)$/, '有新核实的数据：计奖基数现为 $1（核算时为 $2）'],
  [/^the project's credits changed$/, '项目业绩归属已变更'],
  [/^version (\d+) of the policy applies now \(was version (.+)\)$/, '现适用政策第 $1 版（核算时为第 $2 版）'],
  [/^the eligibility or status of (.+) changed$/, '$1 的资格或状态已变更'],
  [/^the zone's leading or emerging industries changed$/, '开发区主导产业或新兴产业已变更'],
  [/^the fee for (.+) is (¥[\d,.]+) now$/, '$1 的服务费现为 $2'],
  [/^what the reward is computed from changed$/, '计奖依据已变化'],
];
const staleMessage = /^The amount changed since this calculation was made: (.+)\. Compute it again .*$/;

/** One message in Chinese, when its form is known; otherwise the message as it was. */
export function messageInChinese(message: string): string {
  const stale = staleMessage.exec(message);
  if (stale) {
    const reasons = (stale[1] ?? '').split('; ').map((reason) => {
      const found = staleReasons.find(([pattern]) => pattern.test(reason));
      return found ? reason.replace(found[0], found[1]) : reason;
    });
    return `核算之后金额已发生变化：${reasons.join('；')}。请重新核算（新核算将取代本核算）并重新审批后再支付。`;
  }
  // "field: message; field2: message2" — the API's summary of several field problems.
  if (/^[\w.]+: /.test(message) && !/^This |^You /.test(message)) {
    return message
      .split('; ')
      .map((part) => {
        const match = /^([\w.]+): (.*)$/.exec(part);
        return match ? `${match[1]}：${messageInChinese(match[2] ?? '')}` : messageInChinese(part);
      })
      .join('；');
  }
  for (const [pattern, chinese] of patterns) {
    if (pattern.test(message)) return message.replace(pattern, chinese);
  }
  return message;
}
