import * as z from 'zod/mini';
import { parseDuration, isDuration } from '../duration.js';
import type { RobotType } from '../plugin.js';
import type { Contact } from '../schemas/contact.js';
import type { Deal } from '../schemas/deal.js';
import type { Lead } from '../schemas/lead.js';

const duration = z.string().check(z.refine(isDuration, { error: 'Use a number and one of s, m, h, d, w, e.g. "2d"' }));

/** `create-activity`: schedules a next step for the record, due `in` after the robot runs. */
export const createActivityRobot: RobotType<{ type?: 'call' | 'meeting' | 'email' | 'task'; title: string; in?: string; assignTo?: string; completeOnStageLeave?: boolean }> = {
  params: z.object({
    type: z.optional(z.enum(['call', 'meeting', 'email', 'task'])),
    title: z.string().check(z.minLength(1)),
    in: z.optional(duration),
    /** `owner` (default) or a user id. */
    assignTo: z.optional(z.string()),
    completeOnStageLeave: z.optional(z.boolean()),
  }),
  async run(ctx, p) {
    const dueAt = new Date(ctx.now.getTime() + parseDuration(p.in ?? '1d'));
    await ctx.crm.activities.schedule({
      recordType: ctx.recordType,
      recordId: ctx.record.id,
      type: p.type ?? 'task',
      title: p.title,
      dueAt,
      ...(p.assignTo && p.assignTo !== 'owner' ? { assigneeId: p.assignTo } : {}),
      ...(p.completeOnStageLeave ? { completeOnStageLeave: true } : {}),
    });
  },
};

/** `assign-owner`: gives the record to a user, or round-robin among `userIds`. */
export const assignOwnerRobot: RobotType<{ userId?: string; userIds?: string[] }> = {
  params: z.object({ userId: z.optional(z.string()), userIds: z.optional(z.array(z.string()).check(z.minLength(1))) }),
  async run(ctx, p) {
    let ownerId = p.userId;
    if (!ownerId && p.userIds) {
      // Round-robin: the user with the fewest open records of this type gets it (stable, no shared cursor needed).
      const service = ctx.recordType === 'lead' ? ctx.crm.leads : ctx.crm.deals;
      const counts = await Promise.all(p.userIds.map(async (id) => (await service.list({ ownerId: id, status: 'open' })).length));
      ownerId = p.userIds[counts.indexOf(Math.min(...counts))];
    }
    if (!ownerId) throw new Error('assign-owner needs userId or userIds');
    if (ctx.recordType === 'lead') await ctx.crm.leads.update(ctx.record.id, { ownerId });
    else await ctx.crm.deals.update(ctx.record.id, { ownerId });
  },
};

/** `set-field`: sets a field (or `custom.<name>`) of the record. */
export const setFieldRobot: RobotType<{ field: string; value?: unknown }> = {
  params: z.object({ field: z.string().check(z.minLength(1)), value: z.optional(z.unknown()) }),
  async run(ctx, p) {
    const patch: Record<string, unknown> = p.field.startsWith('custom.') ? { custom: { [p.field.slice(7)]: p.value ?? null } } : { [p.field]: p.value ?? null };
    if (ctx.recordType === 'lead') await ctx.crm.leads.update(ctx.record.id, patch);
    else await ctx.crm.deals.update(ctx.record.id, patch);
  },
};

/** `send-message`: sends `text` through a channel a plugin registered, to the record's phone or email. */
export const sendMessageRobot: RobotType<{ channel: string; text: string; subject?: string; to?: 'phone' | 'email' }> = {
  params: z.object({ channel: z.string().check(z.minLength(1)), text: z.string().check(z.minLength(1)), subject: z.optional(z.string()), to: z.optional(z.enum(['phone', 'email'])) }),
  async run(ctx, p) {
    let phone: string | undefined;
    let email: string | undefined;
    if (ctx.recordType === 'lead') {
      ({ phone, email } = ctx.record as Lead);
    } else {
      const contactId = (ctx.record as Deal).contactIds[0];
      const contact: Contact | undefined = contactId ? await ctx.crm.contacts.find(contactId) : undefined;
      phone = contact?.phones[0];
      email = contact?.emails[0];
    }
    const to = p.to === 'email' ? email : p.to === 'phone' ? phone : (email ?? phone);
    if (!to) throw new Error(`send-message: the ${ctx.recordType} has no ${p.to ?? 'phone or email'} to send to`);
    await ctx.crm.channels.send(p.channel, { to, text: p.text, ...(p.subject ? { subject: p.subject } : {}), recordType: ctx.recordType, recordId: ctx.record.id }, ctx.signal);
  },
};

/** `webhook`: POSTs `{ event: 'stage:entered', recordType, record, stage, pipelineId }` as JSON to `url`; a non-2xx answer is a failure. */
export const webhookRobot: RobotType<{ url: string; method?: 'POST' | 'PUT'; headers?: Record<string, string> }> = {
  params: z.object({
    url: z.string().check(z.refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), { error: 'url must be an http(s) URL' })),
    method: z.optional(z.enum(['POST', 'PUT'])),
    headers: z.optional(z.record(z.string(), z.string())),
  }),
  async run(ctx, p) {
    const response = await fetch(p.url, {
      method: p.method ?? 'POST',
      headers: { 'content-type': 'application/json', ...p.headers },
      body: JSON.stringify({ event: 'stage:entered', recordType: ctx.recordType, record: ctx.record, stage: ctx.stage.id, pipelineId: ctx.pipeline.id, at: ctx.now.toISOString() }),
      signal: ctx.signal,
    });
    if (!response.ok) throw new Error(`webhook ${p.url} answered ${response.status}`);
  },
};

/** The robot types every CRM has. */
export const BUILTIN_ROBOTS: Readonly<Record<string, RobotType<never>>> = {
  'create-activity': createActivityRobot as RobotType<never>,
  'assign-owner': assignOwnerRobot as RobotType<never>,
  'set-field': setFieldRobot as RobotType<never>,
  'send-message': sendMessageRobot as RobotType<never>,
  webhook: webhookRobot as RobotType<never>,
};
