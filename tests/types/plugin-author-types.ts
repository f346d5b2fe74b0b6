// Type-level tests for plugin authors, checked by `tsc -p tsconfig.json`
// (part of `npm test`). Nothing here runs: each `@ts-expect-error` line
// must be a type error, and every other line must compile, so a change that
// loosens or breaks the plugin API's types fails the typecheck.
import * as z from 'zod/mini';
import { createCrm, definePlugin, type EventHook, type HookHandler, type TransformHook } from '@crmkit/core';

// A plugin declares its own hooks by augmenting HookMap, as docs/plugins.md shows.
declare module '@crmkit/core' {
  interface HookMap {
    /** Event: the invoice plugin issued an invoice number. */
    'typetest:invoiceIssued': EventHook<{ dealId: string; invoiceNo: string }>;
    /** Transform: lets other plugins change an invoice number before it is stored. */
    'typetest:beforeInvoice': TransformHook<{ invoiceNo: string }>;
  }
}

export const invoiceEvents = definePlugin({
  name: 'typetest-invoice',
  setup(crm) {
    crm.hooks.declare('typetest:invoiceIssued', 'event');
    crm.hooks.declare('typetest:beforeInvoice', 'transform');
    crm.hooks.on('typetest:invoiceIssued', ({ dealId, invoiceNo }) => {
      const both: string = dealId + invoiceNo;
      void both;
    });
    // @ts-expect-error the payload has no `amount`
    crm.hooks.on('typetest:invoiceIssued', ({ amount }) => void amount);
    crm.hooks.on('typetest:beforeInvoice', ({ invoiceNo }) => ({ invoiceNo: invoiceNo.toUpperCase() }));
    // @ts-expect-error a transform returns its payload type
    crm.hooks.on('typetest:beforeInvoice', () => ({ invoiceNumber: 1 }));
    void crm.hooks.emit('typetest:invoiceIssued', { dealId: 'd1', invoiceNo: 'INV-1' });
    // @ts-expect-error emit checks the payload too
    void crm.hooks.emit('typetest:invoiceIssued', { dealId: 'd1' });
    // Built-in hooks keep their types next to the plugin's own.
    crm.hooks.on('stage:beforeChange', ({ to }) => (to.id === 'won' ? { cancel: 'no' } : undefined));
  },
});

// Declarative handlers for augmented hooks are typed the same way.
const onIssued: HookHandler<'typetest:invoiceIssued'> = ({ invoiceNo }) => void invoiceNo.length;
void onIssued;

// A robot's `params` in `run` are typed from its zod schema.
export const typedRobots = definePlugin({
  name: 'typetest-robots',
  robots: {
    'send-invoice': {
      params: z.object({ template: z.string(), copies: z.optional(z.number()) }),
      run: async (_ctx, params) => {
        const template: string = params.template;
        const copies: number | undefined = params.copies;
        void [template, copies];
        // @ts-expect-error not a field of the schema
        void params.recipient;
      },
    },
    'no-params': {
      run: (ctx) => void ctx.record.id,
    },
  },
});

export async function usesBoth(): Promise<void> {
  const crm = await createCrm({ plugins: [invoiceEvents, typedRobots] });
  await crm.close();
}
