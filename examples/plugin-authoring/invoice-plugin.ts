/**
 * An example plugin, written the way a plugin author would write one:
 *
 * - deals cannot enter *Proposal* without an amount (a guard hook);
 * - every deal has an optional `invoiceNo` custom field, validated;
 * - entering *Invoice sent* issues an invoice number (a robot type this
 *   plugin registers) and schedules a call for the owner two days later
 *   (the built-in `create-activity` robot), which is completed
 *   automatically once the deal leaves the stage.
 */
import * as z from 'zod/mini';
import { definePlugin, type Pipeline, type RobotConfig } from '@crmkit/core';

/** Options of {@link invoicePlugin}. */
export interface InvoicePluginOptions {
  /** The deal pipelines to extend (default: every deal pipeline with an `invoice` stage). */
  pipelines?: string[];
  /** Invoice number prefix, e.g. `INV` → `INV-2026-0001`. */
  prefix?: string;
  /** When to call the client after the invoice went out. */
  callAfter?: string;
}

/** The custom field this plugin declares on deals. */
export const InvoiceNoSchema = z.optional(z.string().check(z.regex(/^[A-Z]{2,5}-\d{4}-\d{4,}$/)));

/** Creates the invoice plugin. */
export function invoicePlugin(options: InvoicePluginOptions = {}) {
  const prefix = options.prefix ?? 'INV';
  const robots: RobotConfig[] = [
    { type: 'issue-invoice-number', params: { prefix } },
    { type: 'create-activity', params: { type: 'call', title: 'Call about the invoice', in: options.callAfter ?? '2d', completeOnStageLeave: true } },
  ];
  return definePlugin({
    name: 'invoice',
    order: 'post',
    fields: { deal: { invoiceNo: InvoiceNoSchema } },
    // Attach the robots to the "invoice sent" stage of the chosen pipelines.
    pipelines: (current: Pipeline[]) =>
      current.map((p) =>
        p.entity === 'deal' && (!options.pipelines || options.pipelines.includes(p.id))
          ? { ...p, stages: p.stages.map((s) => (s.id === 'invoice' ? { ...s, robots: [...(s.robots ?? []), ...robots] } : s)) }
          : p,
      ),
    robots: {
      'issue-invoice-number': {
        params: z.object({ prefix: z.string().check(z.regex(/^[A-Z]{2,5}$/)) }),
        async run(ctx, params: { prefix: string }) {
          const deal = await ctx.crm.deals.get(ctx.record.id);
          if (deal.custom['invoiceNo']) return; // re-entering the stage keeps the number
          const year = ctx.now.getUTCFullYear();
          // A per-year counter kept in the store's meta table; the transaction
          // makes two tabs issuing at once get different numbers.
          const seq = await ctx.crm.store.transaction(['meta'], async (tx) => {
            const key = `invoice-seq:${params.prefix}:${year}`;
            const row = (await tx.get('meta', key)) as { id: string; value: number } | undefined;
            const next = (row?.value ?? 0) + 1;
            await tx.put('meta', { id: key, value: next });
            return next;
          });
          await ctx.crm.deals.update(deal.id, { custom: { invoiceNo: `${params.prefix}-${year}-${String(seq).padStart(4, '0')}` } });
        },
      },
    },
    setup(crm) {
      crm.hooks.on('stage:beforeChange', ({ type, record, to }) => {
        if (type === 'deal' && to.id === 'proposal' && !(record as { amount?: number }).amount) {
          return { cancel: { en: 'Enter the amount before sending a proposal', ru: 'Укажите сумму до отправки предложения', zh: '发送报价前请填写金额', mn: 'Санал илгээхээс өмнө дүнг оруулна уу', uz: 'Taklif yuborishdan oldin summani kiriting' } };
        }
        return undefined;
      });
    },
  });
}
