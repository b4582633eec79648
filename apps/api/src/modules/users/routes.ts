import { CreateUserBody, IdParams, Page, PageParams, Role, roles, UpdateUserBody, User, UserListQuery, UserSummary } from '@crm/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as service from './service.ts';

const ListQuery = UserListQuery.extend({ role: Role.optional() }).extend(PageParams.shape);

export async function usersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  r.get('/api/users', { ...app.access(['admin']), schema: { tags, summary: 'Users (admin)', querystring: ListQuery, response: { 200: Page(User) } } }, (req) =>
    service.listUsers({ ctx: req.ctx(), input: req.query }),
  );
  r.get(
    '/api/users/directory',
    {
      ...app.access(roles),
      schema: { tags, summary: 'Names and roles of all colleagues (for pickers)', response: { 200: z.object({ items: z.array(UserSummary) }) } },
    },
    async (req) => ({ items: await service.userDirectory({ ctx: req.ctx() }) }),
  );
  r.post(
    '/api/users',
    { ...app.access(['admin']), schema: { tags, summary: 'Create a user (admin)', body: CreateUserBody, response: { 201: User } } },
    async (req, reply) => reply.status(201).send(await service.createUser({ ctx: req.ctx(), input: req.body })),
  );
  r.patch(
    '/api/users/:id',
    {
      ...app.access(['admin']),
      schema: { tags, summary: 'Edit a user, reset a password, unlock (admin)', params: IdParams, body: UpdateUserBody, response: { 200: User } },
    },
    (req) => service.updateUser({ ctx: req.ctx(), id: req.params.id, input: req.body }),
  );
}
