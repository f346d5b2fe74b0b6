import { DEFAULT_PHONE_COUNTRY, isCrmError, phoneKey, type Crm, type PhoneCountry } from '@crmkit/core';
import { CallEventError, crmkitCallFormat, type CallEvent, type CallEventFormat } from './call-formats.js';
import { authenticate, BodyTooLargeError, json, problem, readBody, requireSecret, type ChannelHandler } from './handler-http.js';
import { claimOnce, findRecordByKeys, receiveInbound, systemView } from './inbound.js';

/** Options of {@link createCallEventHandler}. */
export interface CallEventHandlerOptions {
  /** Shared secret (Bearer or `whsec_` Standard Webhooks), or for a format with its own signature (Zadarma) that PBX's API secret. */
  secret: string | readonly string[];
  /** The PBX's event format; default crmkit's JSON shape ({@link CallEvent}). */
  format?: CallEventFormat;
  /** Country for numbers without `+`; default the CRM locale's. */
  phoneCountry?: PhoneCountry;
  /** When the "call back" step is due after a missed call, in minutes; default 15. */
  callBackWithinMinutes?: number;
}

const CALL_BACK: Record<string, string> = { en: 'Call back', ru: 'Перезвонить', zh: '回电', mn: 'Эргэн залгах', uz: 'Qayta qoʻngʻiroq qilish' };
const MISSED: Record<string, string> = { en: 'Missed call', ru: 'Пропущенный звонок', zh: '未接来电', mn: 'Аваагүй дуудлага', uz: 'Javobsiz qoʻngʻiroq' };
const ANSWERED: Record<string, string> = { en: 'Call', ru: 'Звонок', zh: '通话', mn: 'Дуудлага', uz: 'Qoʻngʻiroq' };

function say(dict: Record<string, string>, locale: string): string {
  return dict[locale.split('-')[0] as string] ?? (dict['en'] as string);
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The number's duplicate keys as written and, for international numbers sent without `+`, with it. */
function phoneKeys(raw: string, country: PhoneCountry | undefined): string[] {
  const digits = raw.replace(/\D/g, '');
  const keys = [phoneKey(raw, country)];
  if (!raw.trim().startsWith('+') && digits.length >= 11) keys.push(phoneKey(`+${digits}`, country));
  return [...new Set(keys)];
}

async function readFields(request: Request, body: Uint8Array<ArrayBuffer>): Promise<Record<string, unknown>> {
  const type = request.headers.get('content-type') ?? '';
  const text = new TextDecoder().decode(body);
  if (/application\/x-www-form-urlencoded/i.test(type)) return Object.fromEntries(new URLSearchParams(text));
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CallEventError('body', 'The body must be a JSON object');
  return parsed as Record<string, unknown>;
}

/**
 * A Fetch API handler for PBX call events, authenticated like the email
 * handler (or by the PBX's own signature for formats that have one, such as
 * Zadarma's). A missed call from an unknown number becomes a lead with a
 * "call back" next step for its owner; from a known client (phone matched by
 * the core's normalisation) a "call back" step on their record; an answered
 * call is logged on the timeline with its duration and recording link. Each
 * call's outcome is stored once, however often the PBX repeats it; `ringing`
 * stores nothing.
 */
export function createCallEventHandler(crm: Crm, options: CallEventHandlerOptions): ChannelHandler {
  const format = options?.format ?? crmkitCallFormat;
  const secret = format.verify ? options?.secret : requireSecret('createCallEventHandler', options?.secret);
  if (typeof secret !== 'string' && !Array.isArray(secret)) throw new TypeError('createCallEventHandler: "secret" is required');
  const country = options.phoneCountry ?? DEFAULT_PHONE_COUNTRY[crm.locale.split('-')[0] as keyof typeof DEFAULT_PHONE_COUNTRY];
  return async (request) => {
    const echo = new URL(request.url).searchParams.get('zd_echo');
    if (request.method === 'GET' && format.verify && echo !== null && /^[\w-]{1,64}$/.test(echo)) return new Response(echo, { headers: { 'content-type': 'text/plain' } });
    if (request.method !== 'POST') return problem(405, 'method_not_allowed', 'Send call events with POST', { allow: 'POST' });
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = (await readBody(request, 256 * 1024)) as Uint8Array<ArrayBuffer>;
    } catch (error) {
      if (error instanceof BodyTooLargeError) return problem(413, 'too_large', 'A call event may be at most 256 KB');
      throw error;
    }
    let fields: Record<string, unknown>;
    try {
      fields = await readFields(request, body);
    } catch {
      fields = {};
    }
    const secrets = typeof secret === 'string' ? [secret] : (secret as readonly string[]);
    // Events the CRM ignores are acknowledged before authentication: nothing is stored for them either way.
    if (format.verify && Object.keys(fields).length > 0) {
      try {
        if (format.map(fields) === undefined) return json(200, { ok: true, ignored: true });
      } catch {
        // reported below, after authentication
      }
    }
    const ownSignature = format.verify && request.headers.has('signature') && !request.headers.has('authorization');
    if (ownSignature) {
      const strings = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
      let ok = false;
      for (const s of secrets) ok = (await (format.verify as NonNullable<CallEventFormat['verify']>)(strings, request.headers, s)) || ok;
      if (!ok) return problem(401, 'unauthorized', `The ${format.name} signature is not valid`);
    } else {
      const refused = await authenticate(request, body, secrets, crm.now());
      if (refused) return refused;
    }
    let event: CallEvent | undefined;
    try {
      if (Object.keys(fields).length === 0) throw new CallEventError('body', 'The body must be a JSON object or form fields');
      event = format.map(fields);
    } catch (error) {
      if (error instanceof CallEventError) return problem(400, 'invalid_event', error.message);
      throw error;
    }
    if (!event) return json(200, { ok: true, ignored: true });
    try {
      return json(200, { ok: true, ...(await handleCall(crm, event, phoneKeys(event.from, country), options)) });
    } catch (error) {
      if (isCrmError(error, 'validation')) return problem(400, 'invalid_event', (error as Error).message);
      throw error;
    }
  };
}

async function handleCall(crm: Crm, event: CallEvent, keys: string[], options: CallEventHandlerOptions): Promise<Record<string, unknown>> {
  if (event.type === 'ringing') return { known: Boolean(await findRecordByKeys(crm, keys)) };
  if (event.type === 'answered' && event.duration === undefined) {
    await claimOnce(crm, `phone:answered:${event.callId}`);
    return { duplicate: false };
  }
  const answered = event.type === 'answered' || (event.type === 'ended' && ((event.duration ?? 0) > 0 || (await crm.store.get('meta', `channels:seen:phone:answered:${event.callId}`)) !== undefined));
  const locale = crm.locale;
  const text = answered ? `${say(ANSWERED, locale)}, ${clock(event.duration ?? 0)}` : `${say(MISSED, locale)}: ${event.from}`;
  const result = await receiveInbound(crm, {
    channel: 'phone',
    dedupeKey: `call:${event.callId}`,
    matchKeys: keys,
    text,
    from: event.from,
    data: { call: { callId: event.callId, outcome: answered ? 'answered' : 'missed', ...(event.to ? { to: event.to } : {}), ...(event.at ? { at: event.at } : {}), ...(answered ? { duration: event.duration ?? 0 } : {}), ...(event.recordingUrl ? { recordingUrl: event.recordingUrl } : {}) } },
    lead: { phone: event.from, source: { channel: 'phone' }, message: text },
  });
  if (result.duplicate || answered || !result.recordType || !result.recordId) return { duplicate: result.duplicate };
  const due = new Date(crm.now().getTime() + (options.callBackWithinMinutes ?? 15) * 60_000);
  await systemView(crm).activities.schedule({ recordType: result.recordType, recordId: result.recordId, type: 'call', title: `${say(CALL_BACK, locale)} ${event.from}`, dueAt: due });
  return { duplicate: false };
}
