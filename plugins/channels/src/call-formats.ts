import { fromBase64, toBase64 } from './bytes.js';

/** A PBX call event, in crmkit's own shape (what `createCallEventHandler` takes as JSON). */
export interface CallEvent {
  /** The PBX's id of the call: events of one call share it. */
  callId: string;
  /** `ringing` (nothing stored), `answered`, `missed` or `ended`. */
  type: 'ringing' | 'answered' | 'missed' | 'ended';
  /** The client's number. */
  from: string;
  /** The number or extension called. */
  to?: string;
  /** When it happened (ISO 8601); default the time of receipt. */
  at?: string;
  /** Talk time in seconds (with `answered` or `ended`). */
  duration?: number;
  /** Link to the recording. */
  recordingUrl?: string;
}

/** A call event format a PBX sends, mapped onto {@link CallEvent}. */
export interface CallEventFormat {
  /** Name used in errors. */
  name: string;
  /** Maps one request's fields (JSON object or form fields) to an event; `undefined` for events the CRM ignores. */
  map(fields: Record<string, unknown>): CallEvent | undefined;
  /** Authenticates a request the PBX signed its own way (true = authentic); omit for Bearer / Standard Webhooks only. */
  verify?(fields: Record<string, string>, headers: Headers, secret: string): Promise<boolean>;
}

/** A bad call event: answered 400 naming the field, nothing stored. */
export class CallEventError extends Error {
  /** The field at fault. */
  readonly field: string;

  /** @internal */
  constructor(field: string, message: string) {
    super(message);
    this.name = 'CallEventError';
    this.field = field;
  }
}

const TYPES = ['ringing', 'answered', 'missed', 'ended'] as const;

/** crmkit's own JSON shape, checked field by field. */
export const crmkitCallFormat: CallEventFormat = {
  name: 'crmkit',
  map(f) {
    if (typeof f['callId'] !== 'string' || !f['callId'].trim() || f['callId'].length > 200) throw new CallEventError('callId', '"callId" must be a non-empty string of at most 200 characters');
    if (!TYPES.includes(f['type'] as CallEvent['type'])) throw new CallEventError('type', `"type" must be one of ${TYPES.join(', ')}`);
    if (typeof f['from'] !== 'string' || !/^\+?[\d\s().-]{3,40}$/.test(f['from'].trim())) throw new CallEventError('from', '"from" must be a phone number');
    if (f['to'] !== undefined && typeof f['to'] !== 'string') throw new CallEventError('to', '"to" must be a string');
    if (f['at'] !== undefined && (typeof f['at'] !== 'string' || Number.isNaN(Date.parse(f['at'])))) throw new CallEventError('at', '"at" must be an ISO 8601 time');
    if (f['duration'] !== undefined && (typeof f['duration'] !== 'number' || !Number.isFinite(f['duration']) || f['duration'] < 0)) throw new CallEventError('duration', '"duration" must be a number of seconds ≥ 0');
    if (f['recordingUrl'] !== undefined && (typeof f['recordingUrl'] !== 'string' || !/^https?:\/\/\S+$/i.test(f['recordingUrl']))) throw new CallEventError('recordingUrl', '"recordingUrl" must be an http(s) URL');
    return {
      callId: f['callId'].trim(),
      type: f['type'] as CallEvent['type'],
      from: f['from'].trim(),
      ...(typeof f['to'] === 'string' ? { to: f['to'] } : {}),
      ...(typeof f['at'] === 'string' ? { at: new Date(f['at']).toISOString() } : {}),
      ...(typeof f['duration'] === 'number' ? { duration: Math.round(f['duration']) } : {}),
      ...(typeof f['recordingUrl'] === 'string' ? { recordingUrl: f['recordingUrl'] } : {}),
    };
  },
};

function field(f: Record<string, unknown>, name: string): string {
  const v = f[name];
  if (typeof v !== 'string' || v.trim() === '') throw new CallEventError(name, `"${name}" is required`);
  return v.trim();
}

/** Zadarma's `call_start` ("2026-12-01 10:00:00", PBX local time) as ISO, when it parses. */
function zadarmaTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value.replace(' ', 'T'));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

const ZADARMA_SIGNED: Record<string, readonly string[]> = {
  NOTIFY_START: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_END: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_ANSWER: ['caller_id', 'destination', 'call_start'],
};

/**
 * Zadarma's PBX notifications (form-encoded POSTs): `NOTIFY_START` →
 * `ringing`, `NOTIFY_ANSWER` → `answered`, `NOTIFY_END` → `ended` when its
 * `disposition` is `answered` (with `duration`), else `missed`. Requests are
 * authenticated by Zadarma's `Signature` header (base64 HMAC-SHA1 of
 * `caller_id` + `called_did` (or `destination`) + `call_start` with the
 * API secret, which is the handler's `secret`). Outgoing-call and IVR
 * notifications are acknowledged and ignored.
 */
export const zadarmaCallFormat: CallEventFormat = {
  name: 'zadarma',
  map(f) {
    const event = typeof f['event'] === 'string' ? f['event'] : '';
    if (!ZADARMA_SIGNED[event]) return undefined;
    const base = { callId: field(f, 'pbx_call_id'), from: field(f, 'caller_id'), ...(zadarmaTime(f['call_start']) ? { at: zadarmaTime(f['call_start']) as string } : {}) };
    const to = typeof f['called_did'] === 'string' ? f['called_did'] : typeof f['destination'] === 'string' ? f['destination'] : undefined;
    if (event === 'NOTIFY_START') return { ...base, type: 'ringing', ...(to ? { to } : {}) };
    if (event === 'NOTIFY_ANSWER') return { ...base, type: 'answered', ...(to ? { to } : {}) };
    const answered = String(f['disposition'] ?? '').toLowerCase() === 'answered';
    const duration = Number(f['duration'] ?? 0);
    return { ...base, type: answered ? 'ended' : 'missed', ...(to ? { to } : {}), ...(answered && Number.isFinite(duration) ? { duration } : {}) };
  },
  async verify(f, headers, secret) {
    const names = ZADARMA_SIGNED[f['event'] ?? ''];
    const given = headers.get('signature');
    if (!names || !given) return false;
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['verify']);
    const bytes = fromBase64(given.trim());
    return Boolean(bytes) && crypto.subtle.verify('HMAC', key, bytes as Uint8Array<ArrayBuffer>, new TextEncoder().encode(names.map((n) => f[n] ?? '').join('')));
  },
};

/** Signs Zadarma-style fields the way Zadarma does (for tests and for relays that forward its notifications). */
export async function zadarmaSignature(fields: Record<string, string>, secret: string): Promise<string> {
  const names = ZADARMA_SIGNED[fields['event'] ?? ''] ?? [];
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(names.map((n) => fields[n] ?? '').join('')))));
}
