import type { LeadInput, LeadSubmission } from '@crmkit/core';

/** A realistic submission: Russian visitor, UTM, consent evidence. */
export function sampleSubmission(lead: Partial<LeadInput> = {}, over: Partial<LeadSubmission> = {}): LeadSubmission {
  return {
    idempotencyKey: crypto.randomUUID(),
    submittedAt: '2026-11-23T10:15:00.000Z',
    formId: 'contact-page',
    lead: {
      name: 'Иван Петров',
      phone: '+7 999 123-45-67',
      email: 'ivan@example.com',
      companyName: 'ООО Ромашка',
      message: 'Перезвоните, пожалуйста',
      source: { channel: 'web-form', utm: { source: 'google', medium: 'cpc', campaign: 'spring' }, referrer: 'https://www.google.com/', landingPage: 'https://shop.example/?utm_source=google', pageUrl: 'https://shop.example/contact' },
      consent: { text: 'Я согласен на обработку персональных данных', version: '2026-01', locale: 'ru', pageUrl: 'https://shop.example/contact', at: '2026-11-23T10:14:58.000Z' },
      ...lead,
    },
    ...over,
  };
}

/** An AbortSignal that never aborts. */
export const never = new AbortController().signal;
