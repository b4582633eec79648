import type { ErrorCode } from '../errors.ts';

/**
 * Every problem the API answers with: its stable reason (what integrators and the web key on), the HTTP-level
 * `code` from the closed list in errors.ts, and the English message (i18next `{{name}}` parameters). The zh-CN
 * catalogue (zh-CN.ts) must have the same reasons; a test checks both, and the types make a service's reason
 * one of these.
 */
export const problemCatalogue = {
  // Generic: the error handler, the plugins.
  FIELDS_INVALID: { code: 'VALIDATION', en: '{{summary}}' },
  REQUEST_INVALID: { code: 'VALIDATION', en: 'The request is not valid: {{detail}}' },
  BODY_NOT_JSON: { code: 'VALIDATION', en: 'body: is not valid JSON; send a JSON object' },
  BODY_MEDIA_TYPE: { code: 'VALIDATION', en: 'Send the body as application/json.' },
  VALUE_MALFORMED: { code: 'VALIDATION', en: 'A value is not in the form the field expects.' },
  BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', en: 'The request body is too large (at most {{limitKiB}} KiB). Send less at once.' },
  ROUTE_NOT_FOUND: { code: 'NOT_FOUND', en: 'No route {{method}} {{path}}. See /api/docs for the API.' },
  NOT_FOUND: { code: 'NOT_FOUND', en: 'This {{entity}} was not found. Check the id.' },
  NOT_FOUND_ON: { code: 'NOT_FOUND', en: 'This {{entity}} was not found on this {{parent}}. Check the ids.' },
  CALENDAR_DAY_NOT_FOUND: { code: 'NOT_FOUND', en: '{{day}} has no entry in the working calendar.' },
  INBOX_MESSAGE_NOT_FOUND: { code: 'NOT_FOUND', en: 'This message was not found in your inbox.' },
  DUPLICATE_RECORD: { code: 'CONFLICT', en: 'This record already exists (a unique value is taken). Reload and check before trying again.' },
  CONCURRENT_CHANGE: { code: 'CONFLICT', en: 'Someone else changed this at the same moment. Please try again.' },
  STALE_VERSION: {
    code: 'CONFLICT',
    en: 'This {{entity}} was changed by someone else since you opened it (version {{current}}, you sent {{sent}}). Reload it and apply your change again.',
  },
  NAME_TAKEN: { code: 'CONFLICT', en: 'name: a {{entity}} named "{{name}}" already exists' },
  NAME_TAKEN_IN: { code: 'CONFLICT', en: 'name: {{parentName}} already has a {{entity}} named "{{name}}"' },
  USERNAME_TAKEN: { code: 'CONFLICT', en: 'username: "{{username}}" is taken; choose another' },
  IDEMPOTENCY_KEY_REUSED: {
    code: 'CONFLICT',
    en: 'This Idempotency-Key was already used for another request ({{method}} {{path}}). Send a new key with each new request; reuse a key only to retry the very same request.',
  },
  RATE_LIMITED: { code: 'RATE_LIMITED', en: 'Too many requests. Please wait a moment and try again.' },
  RATE_LIMITED_ADDRESS: { code: 'RATE_LIMITED', en: 'Too many requests from your address. Please wait {{seconds}} seconds and try again.' },
  INTERNAL: { code: 'INTERNAL', en: 'Something went wrong on our side. Please try again; if it persists, tell the administrator.' },
  NOT_SAVED: { code: 'INTERNAL', en: 'The {{entity}} was not saved. Please try again; if it persists, tell the administrator.' },
  HEAVY_READ_TIMEOUT: {
    code: 'UNAVAILABLE',
    en: 'This report took longer than {{seconds}} seconds and was stopped so others can work. Please try again shortly, or narrow it (a shorter period, one zone).',
  },
  DATABASE_UNAVAILABLE: {
    code: 'UNAVAILABLE',
    en: 'The database cannot be reached right now (it may be restarting). Please try again in a few seconds; a write sent again with the same Idempotency-Key is carried out only once.',
  },

  // Signing in and sessions.
  SIGN_IN_WRONG: { code: 'UNAUTHENTICATED', en: 'Wrong username or password.' },
  SIGN_IN_LOCKED_UNTIL: {
    code: 'RATE_LIMITED',
    en: 'This account is locked after too many failed sign-ins until {{until}}. Wait, or ask an administrator to unlock it.',
  },
  SIGN_IN_LOCKED_NOW: { code: 'RATE_LIMITED', en: 'Too many failed sign-ins: the account is locked for {{minutes}} minutes.' },
  SIGN_IN_BUSY: { code: 'RATE_LIMITED', en: 'Too many sign-in attempts for this account at once. Wait a moment and try again.' },
  ACCOUNT_INACTIVE: { code: 'UNAUTHENTICATED', en: 'This account is not active. Ask an administrator.' },
  SESSION_ENDED: { code: 'UNAUTHENTICATED', en: 'Your session has ended. Please sign in again.' },
  SESSION_INVALID: { code: 'UNAUTHENTICATED', en: 'Your session has expired or is not valid. Please sign in again.' },
  SIGN_IN_FIRST: { code: 'UNAUTHENTICATED', en: 'Sign in first: send "Authorization: Bearer <accessToken>" from POST /api/auth/login.' },
  NO_SESSION: { code: 'UNAUTHENTICATED', en: 'No session: please sign in.' },
  PASSWORD_CHANGE_REQUIRED: {
    code: 'FORBIDDEN',
    en: 'Choose a new password first: yours was set by an administrator. Change it with POST /api/auth/password.',
  },
  ROLE_REQUIRED: { code: 'FORBIDDEN', en: 'You cannot {{action}}: it needs the {{roles}} role.' },
  ORIGIN_REFUSED: { code: 'FORBIDDEN', en: "This request must come from the CRM's own pages (its Origin header must be this site)." },

  // Ownership and four eyes.
  NOT_YOURS_READ: { code: 'FORBIDDEN', en: 'This {{entity}} belongs to {{owner}}. Ask them or a manager if you need it.' },
  NOT_YOURS_WRITE: { code: 'FORBIDDEN', en: 'You cannot {{action}}: this {{entity}} belongs to {{owner}}. Only its owner or a manager can.' },
  ACTIVITY_NOT_OWNER: {
    code: 'FORBIDDEN',
    en: 'You cannot log activities on this lead: it belongs to {{owner}}. Only its owner can; a colleague who was there is named among the staff present.',
  },
  EVENT_NOT_RECORDER: { code: 'FORBIDDEN', en: 'You cannot edit this event: only the person who recorded it or a manager can.' },
  OWN_FIGURES_ONLY: { code: 'FORBIDDEN', en: 'You can see only your own figures.' },
  OWN_WEEKLY_ONLY: { code: 'FORBIDDEN', en: "You can read only your own weekly report; a manager reads everyone's." },
  OWN_STAKE: { code: 'FORBIDDEN', en: 'You cannot {{action}}: you are paid by it or hold credit on its project. Someone without a stake in it must do this.' },
  OWN_STAKE_FIGURE: { code: 'FORBIDDEN', en: 'You hold credit on this project (or own it); a manager without a stake in it must verify its figures.' },
  MAKER_CANNOT_APPROVE: { code: 'FORBIDDEN', en: 'You made this calculation; another manager must approve or reject it.' },
  REPORTER_CANNOT_VERIFY: { code: 'FORBIDDEN', en: 'You reported this figure; another manager must verify it.' },
  AGENT_PAY_FIELDS_MANAGERS: { code: 'FORBIDDEN', en: 'Only managers and finance change {{fields}}: these decide whether the agent is paid.' },
  AGENT_FINANCE_FIELDS_ONLY: { code: 'FORBIDDEN', en: "Finance changes only an agent's eligibility and status; {{fields}} are edited by staff or a manager." },
  DISPUTE_NOT_REPORTER: { code: 'FORBIDDEN', en: 'Only the person who made this report can dispute the first report with it.' },
  DISPUTE_PARTY: { code: 'FORBIDDEN', en: 'You are a party to this dispute; another manager must settle it.' },

  // Leads.
  LEAD_DUPLICATE: {
    code: 'CONFLICT',
    en: '{{company}} is already a lead of {{owner}}, protected until {{protectedUntil}}.{{sameCode}} Do not start a second lead: ask the owner or a manager, or claim it from the public pool once its protection lapses.',
  },
  LEAD_DUPLICATE_SIGNED: {
    code: 'CONFLICT',
    en: '{{company}} is already here: signed by {{owner}}.{{sameCode}} A new investment of this company (an expansion, capital increase or upgrade) is a new project of its own: open its project and register it there (登记增资扩产).',
  },
  LEAD_DUPLICATE_OPEN: {
    code: 'CONFLICT',
    en: '{{company}} is already a lead of {{owner}}.{{sameCode}} Do not start a second lead: ask the owner or a manager, or claim it from the public pool once its protection lapses.',
  },
  LEAD_ALREADY_YOURS: { code: 'CONFLICT', en: 'This lead is already yours.' },
  LEAD_NOT_IN_POOL: { code: 'CONFLICT', en: 'This lead is not in the public pool: {{owner}} has it, protected until {{protectedUntil}}.' },
  LEAD_NOT_IN_POOL_OPEN: { code: 'CONFLICT', en: 'This lead is not in the public pool: {{owner}} has it.' },
  LEAD_PROTECTION_LAPSED: { code: 'CONFLICT', en: 'Your protection of this lead lapsed; a colleague may claim it now. Ask a manager to reassign it to you.' },
  LEAD_IN_POOL_LAPSED: {
    code: 'PRECONDITION_FAILED',
    en: 'This lead is in the public pool (公海): your protection lapsed. Ask a manager to reassign it to you, then log the follow-up.',
  },
  LEAD_IN_POOL_CLAIM: { code: 'PRECONDITION_FAILED', en: 'This lead is in the public pool (公海): claim it first, then log the follow-up.' },
  LEAD_SIGNED_EDIT_PROJECT: { code: 'PRECONDITION_FAILED', en: 'This lead is signed: edit its project instead.' },
  LEAD_SIGNED_STAGE_FIXED: { code: 'PRECONDITION_FAILED', en: 'This lead is already signed; its stage can no longer change.' },
  LEAD_ALREADY_SIGNED: { code: 'CONFLICT', en: 'This lead is already signed (on {{signedOn}}); its project exists.' },
  INDICATOR_SCOPE: { code: 'VALIDATION', en: "{{indicator}}: the city's figures (city_*) are entered without a zone, a zone's figures with one." },
  INDICATOR_MONTH_AHEAD: { code: 'VALIDATION', en: '{{month}} has not begun yet: actuals are entered for months that have.' },
  LEAD_LOST_CANNOT_SIGN: { code: 'PRECONDITION_FAILED', en: 'This lead is lost. Move it back to an open stage before signing it.' },
  LEAD_NOT_OPEN: { code: 'PRECONDITION_FAILED', en: 'This lead is {{stage}}; {{action}} is for open leads.' },
  LEAD_NOT_JUDGED: { code: 'PRECONDITION_FAILED', en: 'This lead has not been judged yet: record the 研判 first, then the feedback on it.' },

  // First reports and disputes.
  REPORT_ALREADY_FIRST: { code: 'CONFLICT', en: 'This report is already the first report of the company.' },
  NO_FIRST_REPORT: { code: 'PRECONDITION_FAILED', en: 'This lead has no first report to dispute.' },
  DISPUTE_OPEN: { code: 'CONFLICT', en: 'A dispute over this company is already open; wait for a manager to settle it.' },
  DISPUTE_SETTLED: { code: 'CONFLICT', en: 'This dispute is already settled.' },

  // Projects.
  MILESTONE_RECORDED: { code: 'CONFLICT', en: 'milestone: "{{milestone}}" was already recorded on {{reachedOn}}.' },
  FIGURE_VERIFIED: { code: 'CONFLICT', en: 'This figure was already verified on {{verifiedOn}}.' },

  // Weekly reports, performance.
  WEEKLY_SUBMITTED: { code: 'CONFLICT', en: 'Your report for {{week}} was submitted on {{submittedAt}}; it can no longer change.' },
  PERIOD_CLOSED: { code: 'CONFLICT', en: '{{period}} was already closed on {{closedOn}}; its figures are frozen.' },
  PERIOD_CLOSED_JUST_NOW: { code: 'CONFLICT', en: '{{period}} was closed by someone else just now.' },
  NOBODY_SCORED: {
    code: 'PRECONDITION_FAILED',
    en: 'Nobody scored above 0 in this period, so there is nothing to share the pool by. Choose a period with results.',
  },

  // Rewards and service fees.
  MILESTONE_NOT_REACHED: { code: 'PRECONDITION_FAILED', en: 'The project has not reached "{{milestone}}" yet: record the milestone first.' },
  NO_POLICY_VERSION: { code: 'PRECONDITION_FAILED', en: 'No version of "{{policy}}" is in effect on {{date}}, the day "{{milestone}}" was reached.' },
  POLICY_VERSION_OUTDATED: {
    code: 'PRECONDITION_FAILED',
    en: 'Version {{versionNo}} of "{{policy}}" is outside today\'s rules ({{detail}}): add a new version.',
  },
  NOTHING_AT_MILESTONE: { code: 'PRECONDITION_FAILED', en: '"{{policy}}" pays nothing at "{{milestone}}": its installments are at {{installments}}.' },
  CONTRACT_INVESTMENT_UNVERIFIED: {
    code: 'PRECONDITION_FAILED',
    en: 'No verified "contract_investment" figure for this project: the contract investment must be verified by a manager first.',
  },
  FIGURE_UNVERIFIED: { code: 'PRECONDITION_FAILED', en: 'No verified "{{figure}}" figure for this project: report it and have a manager verify it first.' },
  BASIS_TOO_LARGE: { code: 'PRECONDITION_FAILED', en: 'The basis {{basis}} is beyond the largest amount the CRM accepts ({{max}}): correct the figure first.' },
  NO_INTRODUCING_AGENT: { code: 'PRECONDITION_FAILED', en: 'This project has no introducing agent: set one in its credits first.' },
  AGENT_GONE: { code: 'PRECONDITION_FAILED', en: 'The introducing agent no longer exists.' },
  CONTRACT_AGENT_GONE: { code: 'PRECONDITION_FAILED', en: 'The contract’s agent no longer exists.' },
  NO_CREDITS: { code: 'PRECONDITION_FAILED', en: 'This project has no credits set.' },
  MILESTONE_ALREADY_PAID: {
    code: 'CONFLICT',
    en: "This was already paid (calculation {{calculationId}}); a milestone is paid at most once. Corrections are made by the next milestone's true-up.",
  },
  LATER_MILESTONE_PAID: {
    code: 'CONFLICT',
    en: '"{{laterMilestone}}" was already paid (calculation {{calculationId}}), and it includes the installment at "{{milestone}}". Corrections are made by the next milestone\'s true-up.',
  },
  PERIOD_ALREADY_PAID: { code: 'CONFLICT', en: 'This was already paid (calculation {{calculationId}}); a period is paid at most once.' },
  CONTRACT_NOT_COVERING: { code: 'PRECONDITION_FAILED', en: 'The contract ({{startsOn}} to {{endsOn}}) does not cover {{period}}.' },
  PERIOD_NOT_ENDED: {
    code: 'PRECONDITION_FAILED',
    en: '{{periodKey}} has not ended (it ends on {{endsOn}}): a service fee is computed and paid only for a period that is over, from {{payableFrom}} on.',
  },
  AGENT_NOT_ACTIVE: {
    code: 'PRECONDITION_FAILED',
    en: '{{agent}} is {{status}}: no {{what}} is paid to an agent that is not active. A manager or finance can reactivate it.',
  },
  NO_AGREEMENT: {
    code: 'PRECONDITION_FAILED',
    en: '{{agent}} has no agreement (委托招商协议) in force on {{date}}: an {{what}} needs one ({{agreements}}). Add the agreement to the agent first.',
  },
  NO_AGREEMENT_PERIOD: {
    code: 'PRECONDITION_FAILED',
    en: '{{agent}} has no agreement (委托招商协议) in force on {{date}}: a {{what}} for {{from}} to {{to}} needs one on every day it pays for ({{agreements}}). Add the agreement to the agent first.',
  },
  CALCULATION_STATE: { code: 'CONFLICT', en: 'This calculation is {{status}}, not {{expected}}; reload it.' },
  CALCULATION_CHANGED: {
    code: 'CONFLICT',
    en: 'The amount changed since this calculation was made: {{changes}}. Compute it again (the new calculation supersedes this one) and have it approved.',
  },
  NOTHING_DUE: { code: 'PRECONDITION_FAILED', en: 'Nothing is due on this calculation (an overpayment is recovered, never paid).' },
  NOTICE_OPEN: { code: 'CONFLICT', en: 'This reward is under public notice (公示) until {{noticeUntil}}; it may be paid from the next day.' },
  OBJECTION_OPEN: { code: 'CONFLICT', en: 'An objection to this reward is open ({{count}}); a manager must resolve it before it is paid.' },
  NOT_UNDER_NOTICE: { code: 'PRECONDITION_FAILED', en: 'This calculation is not under public notice: objections are taken during a 公示 window only.' },
  NOTICE_CLOSED: { code: 'PRECONDITION_FAILED', en: 'The public notice ended on {{noticeUntil}}; objections are no longer taken.' },
  OBJECTION_RESOLVED: { code: 'CONFLICT', en: 'This objection is already {{status}}.' },
  OWN_OBJECTION: { code: 'FORBIDDEN', en: 'Nobody resolves an objection they raised: another manager must.' },
  RECOVERY_TOO_MUCH: {
    code: 'PRECONDITION_FAILED',
    en: 'At most {{max}} of this payment can still be flagged for recovery (paid {{paid}}, already flagged {{flagged}}).',
  },
  INSTALMENT_TOO_MUCH: { code: 'PRECONDITION_FAILED', en: 'Only {{outstanding}} is still owed on this recovery; an instalment cannot recover more.' },
  RECOVERY_SETTLED: { code: 'CONFLICT', en: 'This recovery is settled: everything owed has come back.' },
  PAYMENT_RECORDED: { code: 'CONFLICT', en: 'A payment for this milestone and payee is already recorded; money moves at most once.' },
  LEDGER_EXCEEDED: {
    code: 'CONFLICT',
    en: 'This payment would take the payments under the policy to {{paid}}, above the {{entitled}} earned so far. Compute it again.',
  },

  // What changed since a calculation was made (nested in CALCULATION_CHANGED's `changes`).
  CHANGED_PAYMENT: { code: 'CONFLICT', en: 'a payment was recorded under this policy for the project (paid {{then}} then, {{now}} now)' },
  CHANGED_BASIS: { code: 'CONFLICT', en: 'a figure was verified: the basis is {{now}} now (was {{then}})' },
  CHANGED_CREDITS: { code: 'CONFLICT', en: "the project's credits changed" },
  CHANGED_VERSION: { code: 'CONFLICT', en: 'version {{now}} of the policy applies now (was version {{then}})' },
  CHANGED_PAYEE: { code: 'CONFLICT', en: 'the eligibility or status of {{payee}} changed' },
  CHANGED_INDUSTRIES: { code: 'CONFLICT', en: "the zone's leading or emerging industries changed" },
  CHANGED_FEE: { code: 'CONFLICT', en: 'the fee for {{period}} is {{now}} now' },
  CHANGED_INPUTS: { code: 'CONFLICT', en: 'what the reward is computed from changed' },

  // 末位 due process and 绩效工资 (issue 14).
  NOT_YOUR_FLAG: { code: 'FORBIDDEN', en: 'Only the person flagged may appeal their bottom flag.' },
  FLAG_NOT_PENDING: { code: 'CONFLICT', en: 'This flag is already {{status}}; an appeal is made once.' },
  APPEAL_WINDOW_CLOSED: {
    code: 'PRECONDITION_FAILED',
    en: 'The appeal window closed on {{appealBy}}; the flag is in effect. Ask a manager if something was wrong.',
  },
  OWN_APPEAL: { code: 'FORBIDDEN', en: 'Nobody decides their own appeal: another manager must.' },
  FLAG_NOT_APPEALED: { code: 'CONFLICT', en: 'There is no open appeal on this flag (it is {{status}}).' },
  PERIOD_OPEN: {
    code: 'PRECONDITION_FAILED',
    en: '{{period}} is not closed yet: performance pay is shared by the scores reported to the committee. Close the period first.',
  },
  POOL_NOT_DRAFT: { code: 'CONFLICT', en: 'This pool is already {{status}}; it cannot be computed or approved again.' },
  POOL_MAKER_CHECKER: { code: 'FORBIDDEN', en: 'Whoever computed a pool does not approve it: another manager or finance must.' },
  POOL_OWN_STAKE: { code: 'FORBIDDEN', en: 'You receive part of this pool, so you cannot approve it.' },
  POOL_NOT_APPROVED: { code: 'CONFLICT', en: 'Only an approved pool is filed (this one is {{status}}).' },

  // Saved views (issue 10).
  VIEW_NOT_FOUND: { code: 'NOT_FOUND', en: 'This saved view was not found. It may have been deleted or not shared with you.' },
  VIEW_NOT_YOURS: { code: 'FORBIDDEN', en: "This is {{owner}}'s view, shared with you to use: save a copy of your own to change it." },
  VIEW_NAME_TAKEN: { code: 'CONFLICT', en: 'You already have a view named "{{name}}". Choose another name or change that view.' },
  VIEW_SHARING_MANAGERS: { code: 'FORBIDDEN', en: 'Only managers share views with everyone. Keep it as your own view.' },

  // Spreadsheet imports (issue 12).
  IMPORT_NOT_FOUND: { code: 'NOT_FOUND', en: 'This import was not found. Check the id.' },
  IMPORT_NOT_YOURS: { code: 'FORBIDDEN', en: 'This import was made by someone else; only they or a manager can see it.' },
  IMPORT_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', en: 'The file is too large: at most {{maxMb}} MB. Split the sheet into several files.' },
  IMPORT_OWN_NAME_ONLY: { code: 'FORBIDDEN', en: 'Staff import leads in their own name only; a manager can import leads for someone else.' },
  IMPORT_BUSY: { code: 'PRECONDITION_FAILED', en: 'This import is {{status}}: upload the file again to start over.' },
  IMPORT_STARTED_MEANWHILE: { code: 'CONFLICT', en: 'This import started meanwhile; reload it.' },
  IMPORT_NOT_CHECKED: { code: 'PRECONDITION_FAILED', en: 'Check the file first (choose the mapping and look at the report).' },
  IMPORT_REFUSED_ROWS: {
    code: 'PRECONDITION_FAILED',
    en: '{{count}} rows are refused: nothing is imported while any row is. Download the report, fix the file and upload it again.',
  },
  IMPORT_NO_ROWS: { code: 'PRECONDITION_FAILED', en: 'The file has no rows to import.' },
  IMPORT_ALREADY_STARTED: { code: 'CONFLICT', en: 'This import has already been started.' },
  IMPORT_ROW_CHANGED: { code: 'CONFLICT', en: 'Row {{row}} is refused now: the CRM changed since the check. Nothing was imported; check the file again.' },
  IMPORT_ROW_REFUSED: { code: 'CONFLICT', en: 'Row {{row}} was refused while importing ({{problem}}). Nothing was imported; check the file again.' },
  IMPORT_FAILED: { code: 'INTERNAL', en: 'The import failed and wrote nothing ({{detail}}). Try it again; if it fails again, tell an administrator.' },
  IMPORT_INTERRUPTED: {
    code: 'UNAVAILABLE',
    en: 'The import was interrupted (the server stopped while it ran, at {{startedAt}}) and wrote nothing. Check the file again and import it.',
  },
  IMPORT_KIND_MANAGERS: { code: 'FORBIDDEN', en: 'Only managers and admins import spreadsheets of {{entity}} records; staff import leads.' },

  // Expansions, zone transfers and approval items (issue 14).
  APPROVAL_KIND_CODE_TAKEN: { code: 'CONFLICT', en: 'An approval item kind with the code "{{code}}" exists already.' },
  APPROVAL_WRONG_STATUS: { code: 'CONFLICT', en: 'This approval item is {{status}}: that step does not apply to it now.' },
  APPROVAL_DOCUMENTS_MISSING: {
    code: 'PRECONDITION_FAILED',
    en: 'The documents owed under 容缺 have not come in: record them first, then the approval (a rejection may come at any time).',
  },
  APPROVAL_STALE: { code: 'CONFLICT', en: 'This approval item changed meanwhile: reload it and try again.' },
} as const satisfies Record<string, { code: ErrorCode; en: string }>;

export type ProblemReason = keyof typeof problemCatalogue;
export const problemReasons = Object.keys(problemCatalogue) as ProblemReason[];

/** The English catalogue of problems, as i18next reads it. */
export const problemsEn = Object.fromEntries(Object.entries(problemCatalogue).map(([reason, p]) => [reason, p.en])) as Record<ProblemReason, string>;
