import {
  CalculationObjections,
  Calculation,
  CalculationListQuery,
  ComputeRewardBody,
  ComputeServiceFeeBody,
  CreatePolicyBody,
  CreateServiceFeeContractBody,
  CreateVersionBody,
  DecisionBody,
  Forecast,
  IdParams,
  Page,
  PayBody,
  Policy,
  ProjectLedger,
  RejectBody,
  ServiceFeeContract,
  fe,
  FlagRecoveryBody,
  NoticeList,
  Objection,
  ObjectionBody,
  PolicyNoticeBody,
  Recovery,
  RecoveryInstalmentBody,
  ResolveObjectionBody,
} from '@crm/shared';
import * as notice from './notice.ts';
import * as recoveries from './recoveries.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as computation from './reward-computation.ts';
import * as serviceFees from './service-fees.ts';
import * as calculations from './workflow.ts';
import * as contracts from './contracts.ts';
import { XLSX_TYPE } from '../../lib/xlsx.ts';
import { exportCalculationList, exportPayments } from './export.ts';
import { forecast, projectLedger } from './forecast.ts';
import * as policies from './policies.ts';

export async function rewardsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/policies',
    {
      ...app.access(['manager', 'finance', 'admin']),
      schema: { tags: ['policies'], summary: 'Reward policies with their versions', response: { 200: z.object({ items: z.array(Policy) }) } },
    },
    async (req) => ({
      items: await policies.listPolicies({ ctx: req.ctx() }),
    }),
  );
  r.get(
    '/api/policies/:id',
    { ...app.access(['manager', 'finance', 'admin']), schema: { tags: ['policies'], summary: 'One policy', params: IdParams, response: { 200: Policy } } },
    (req) => policies.getPolicy({ ctx: req.ctx(), id: req.params.id }),
  );
  r.post(
    '/api/policies',
    {
      ...app.access(['admin', 'manager']),
      schema: {
        tags: ['policies'],
        summary: 'Create a policy, optionally with its first version (admin, manager)',
        body: CreatePolicyBody,
        response: { 201: Policy },
      },
    },
    async (req, reply) => reply.status(201).send(await policies.createPolicy({ ctx: req.ctx(), input: req.body })),
  );
  r.post(
    '/api/policies/:id/versions',
    {
      ...app.access(['admin', 'manager']),
      schema: {
        tags: ['policies'],
        summary: 'Add a version (versions are never edited; the newest covering a date applies)',
        params: IdParams,
        body: CreateVersionBody,
        response: { 201: Policy },
      },
    },
    async (req, reply) => reply.status(201).send(await policies.addVersion({ ctx: req.ctx(), id: req.params.id, input: req.body })),
  );

  const tags = ['rewards'];
  r.post(
    '/api/reward-calculations',
    {
      ...app.access(['finance']),
      schema: {
        tags,
        summary: 'Compute a project reward at a milestone (finance): a draft with its trace',
        body: ComputeRewardBody,
        response: { 201: Calculation },
      },
    },
    async (req, reply) => reply.status(201).send(await computation.computeProjectReward({ ctx: req.ctx(), input: req.body })),
  );
  r.post(
    '/api/service-fee-calculations',
    {
      ...app.access(['finance']),
      schema: { tags, summary: 'Compute a service fee for a contract period (finance)', body: ComputeServiceFeeBody, response: { 201: Calculation } },
    },
    async (req, reply) => reply.status(201).send(await serviceFees.computeServiceFeeCalc({ ctx: req.ctx(), input: req.body })),
  );
  r.get(
    '/api/reward-calculations',
    {
      ...app.access(['finance', 'manager', 'admin']),
      schema: { tags, summary: 'Calculations, newest first', querystring: CalculationListQuery, response: { 200: Page(Calculation) } },
    },
    (req) => calculations.listCalculations({ ctx: req.ctx(), input: req.query }),
  );
  r.get(
    '/api/reward-calculations/export',
    {
      ...app.access(['finance', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Approved and paid items (奖励支付) as .xlsx for accounting, one row per payee; status narrows to one of them',
        querystring: z.object({ status: z.enum(['approved', 'paid'], fe('ONE_OF', { values: 'approved, paid' })).optional() }),
        produces: [XLSX_TYPE],
      },
    },
    (req, reply) => req.download(reply, (ctx) => exportPayments({ ctx, reply, status: req.query.status })),
  );
  r.get(
    '/api/reward-calculations/export/list',
    {
      ...app.access(['finance', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'The calculations list under its filter, as .xlsx',
        querystring: CalculationListQuery.omit({ limit: true, cursor: true }),
        produces: [XLSX_TYPE],
      },
    },
    (req, reply) => req.download(reply, (ctx) => exportCalculationList({ ctx, reply, input: req.query })),
  );
  r.get(
    '/api/reward-calculations/:id',
    {
      ...app.access(['finance', 'manager', 'admin']),
      schema: { tags, summary: 'One calculation with its trace and lines', params: IdParams, response: { 200: Calculation } },
    },
    (req) => calculations.getCalculation({ ctx: req.ctx(), id: req.params.id }),
  );
  r.post(
    '/api/reward-calculations/:id/submit',
    {
      ...app.access(['finance']),
      schema: { tags, summary: 'Submit a draft for approval (finance)', params: IdParams, body: DecisionBody, response: { 200: Calculation } },
    },
    (req) => calculations.submitCalculation({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/reward-calculations/:id/approve',
    {
      ...app.access(['manager']),
      schema: { tags, summary: 'Approve (a manager who is not the maker)', params: IdParams, body: DecisionBody, response: { 200: Calculation } },
    },
    (req) => calculations.approveCalculation({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/reward-calculations/:id/reject',
    {
      ...app.access(['manager']),
      schema: { tags, summary: 'Reject with a reason (a manager who is not the maker)', params: IdParams, body: RejectBody, response: { 200: Calculation } },
    },
    (req) => calculations.rejectCalculation({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.post(
    '/api/reward-calculations/:id/pay',
    {
      ...app.access(['finance']),
      schema: {
        tags,
        summary: 'Record the payment: date and reference (finance); at most once',
        params: IdParams,
        body: PayBody,
        response: { 200: Calculation },
      },
    },
    (req) => calculations.payCalculation({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );

  r.get(
    '/api/service-fee-contracts',
    {
      ...app.access(['finance', 'manager', 'admin']),
      schema: { tags, summary: 'Service-fee contracts with agents', response: { 200: z.object({ items: z.array(ServiceFeeContract) }) } },
    },
    async (req) => ({
      items: await contracts.listContracts({ ctx: req.ctx() }),
    }),
  );
  r.post(
    '/api/service-fee-contracts',
    {
      ...app.access(['finance', 'manager']),
      schema: { tags, summary: 'Create a service-fee contract (finance, manager)', body: CreateServiceFeeContractBody, response: { 201: ServiceFeeContract } },
    },
    async (req, reply) => reply.status(201).send(await contracts.createContract({ ctx: req.ctx(), input: req.body })),
  );
  r.get(
    '/api/finance/forecast',
    {
      ...app.access(['finance', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Reward liability of the current pipeline if it lands',
        querystring: z.object({ policyId: IdParams.shape.id.optional() }),
        response: { 200: Forecast },
      },
    },
    (req) => forecast({ ctx: req.ctx(), policyId: req.query.policyId }),
  );
  r.get(
    '/api/projects/:id/reward-ledger',
    {
      ...app.access(['finance', 'manager', 'admin']),
      schema: {
        tags,
        summary: "A project's reward ledger per policy: earned so far, paid to whom, remaining, flagged for recovery (finance, manager, admin)",
        params: IdParams,
        response: { 200: ProjectLedger },
      },
    },
    (req) => projectLedger({ ctx: req.ctx(), projectId: req.params.id }),
  );

  // 公示 (issue 14): the list and objections are open to everyone signed in; managers resolve objections.
  r.put(
    '/api/policies/:id/notice',
    {
      ...app.access(['admin', 'manager']),
      schema: {
        tags: ['policies'],
        summary: '公示 settings of a policy: threshold (fen, null: none) and working days',
        params: IdParams,
        body: PolicyNoticeBody,
        response: { 200: Policy },
      },
    },
    (req) => policies.setNotice({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
  r.get(
    '/api/reward-notices',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: { tags, summary: 'The 公示 list: approved rewards under (or recently past) public notice, with objections', response: { 200: NoticeList } },
    },
    (req) => notice.listNotices({ ctx: req.ctx() }),
  );
  r.post(
    '/api/reward-calculations/:id/objections',
    {
      ...app.access(['staff', 'manager', 'finance', 'admin']),
      schema: {
        tags,
        summary: 'Object to a reward during its 公示 window (anyone signed in), with a reason',
        params: IdParams,
        body: ObjectionBody,
        response: { 201: Objection },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await notice.raiseObjection({ ctx: req.ctx(), calculationId: req.params.id, input: req.body, stakeholders: calculations.calculationStakeholders }),
        ),
  );
  r.get(
    '/api/reward-calculations/:id/objections',
    {
      ...app.access(['finance', 'manager', 'admin']),
      schema: { tags, summary: "One calculation's 公示 objections, oldest first", params: IdParams, response: { 200: CalculationObjections } },
    },
    (req) => notice.calculationObjections({ ctx: req.ctx(), calculationId: req.params.id }),
  );
  r.post(
    '/api/reward-objections/:id/resolve',
    {
      ...app.access(['manager']),
      schema: {
        tags,
        summary: 'Uphold (the calculation is rejected) or dismiss an objection (a manager)',
        params: IdParams,
        body: ResolveObjectionBody,
        response: { 200: Objection },
      },
    },
    (req) => notice.resolveObjection({ ctx: req.ctx(), id: req.params.id, input: req.body, stakeholders: calculations.calculationStakeholders }),
  );
  // 追回 (issue 14).
  r.get(
    '/api/reward-recoveries',
    {
      ...app.access(['finance', 'manager', 'admin']),
      schema: {
        tags,
        summary: 'Tracked recoveries of overpaid rewards',
        querystring: z.object({
          projectId: IdParams.shape.id.optional(),
          status: z.enum(['open', 'settled'], fe('ONE_OF', { values: 'open, settled' })).optional(),
        }),
        response: { 200: z.object({ items: z.array(Recovery) }) },
      },
    },
    async (req) => ({ items: await recoveries.listRecoveries({ ctx: req.ctx(), ...req.query }) }),
  );
  r.post(
    '/api/reward-recoveries',
    {
      ...app.access(['finance', 'manager']),
      schema: { tags, summary: 'Flag (part of) a payment as overpaid, with a reason (finance, manager)', body: FlagRecoveryBody, response: { 201: Recovery } },
    },
    async (req, reply) => reply.status(201).send(await recoveries.flagRecovery({ ctx: req.ctx(), input: req.body })),
  );
  r.post(
    '/api/reward-recoveries/:id/instalments',
    {
      ...app.access(['finance']),
      schema: {
        tags,
        summary: 'Record money recovered (finance); the last instalment settles it',
        params: IdParams,
        body: RecoveryInstalmentBody,
        response: { 200: Recovery },
      },
    },
    (req) => recoveries.recordInstalment({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
}
