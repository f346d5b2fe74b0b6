import { createCrm, createIntakeHandler, memoryStore, type Crm, type IntakeHandlerOptions, type Lead } from '@crmkit/core';
import type { Emulation, StoredRecord } from './emulation.js';

/** @internal crmkit's own REST intake, served by the real `createIntakeHandler` over a CRM. */
export function restEmulation(endpoint: string, crmOption: Crm | undefined, intake: Partial<IntakeHandlerOptions>): Emulation & { crm(): Promise<Crm> } {
  const absolute = /^https?:\/\//i.test(endpoint);
  const wanted = absolute ? new URL(endpoint) : undefined;
  const path = (wanted ? wanted.pathname : endpoint).replace(/\/+$/, '') || '/';
  const stored: StoredRecord[] = [];
  let crmPromise: Promise<Crm> | undefined;
  let handler: Promise<(request: Request) => Promise<Response>> | undefined;

  const crm = () => (crmPromise ??= crmOption ? Promise.resolve(crmOption) : createCrm({ store: memoryStore(), automationIntervalMs: false }));
  const getHandler = () =>
    (handler ??= crm().then((c) =>
      createIntakeHandler(c, {
        allowedOrigins: '*',
        rateLimit: false,
        onError: () => undefined,
        ...intake,
        onLead: async (result, request) => {
          if (!result.duplicate) {
            const lead = await c.store.get<Lead>('leads', result.leadId);
            if (lead) stored.push({ id: lead.id, type: 'lead', data: lead as unknown as Record<string, unknown> });
          }
          await intake.onLead?.(result, request);
        },
      }),
    ));

  return {
    target: 'rest',
    stored,
    crm,
    matches(url) {
      if (wanted && url.origin !== wanted.origin) return false;
      return (url.pathname.replace(/\/+$/, '') || '/') === path;
    },
    async handle(request) {
      return (await getHandler())(request);
    },
    errorBody(status) {
      const code = status === 429 ? 'rate_limited' : status >= 500 ? 'unavailable' : status === 413 ? 'too_large' : 'bad_request';
      return { error: { code, message: `Injected failure (${status})` } };
    },
    reset() {
      stored.length = 0;
    },
  };
}
