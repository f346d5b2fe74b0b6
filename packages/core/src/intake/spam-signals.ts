import { verifyFormToken } from './form-token.js';

/**
 * Why a submission was stored as spam: `form` (the form's own flag,
 * `lead.spam`), `honeypot` (the hidden field was filled), `token_missing`,
 * `token_invalid` (malformed or forged), `too_fast`, `token_expired` (the
 * signed form token), `custom` (the `isSpam` option).
 */
export type SpamSignal = 'form' | 'honeypot' | 'token_missing' | 'token_invalid' | 'too_fast' | 'token_expired' | 'custom';

/** The signed form token settings of the intake handler. */
export interface IntakeFormTokenOptions {
  /** HMAC secret (at least 16 characters). Keep it on the server; share it between processes that take the same forms. */
  secret: string;
  /** Submissions sooner than this after the token was issued are flagged `too_fast`. Default 3000 ms. */
  minFillMs?: number;
  /** Tokens older than this are flagged `token_expired`. Default 7 days. */
  maxAgeMs?: number;
}

/** The server-side signals of one submission, checked without trusting the client. */
export async function serverSpamSignals(
  body: Record<string, unknown>,
  settings: { formToken?: IntakeFormTokenOptions | undefined; honeypotField: string | false; now: number },
): Promise<SpamSignal[]> {
  const signals: SpamSignal[] = [];
  if (settings.honeypotField) {
    const trap = body[settings.honeypotField];
    if (trap !== undefined && trap !== null && trap !== '' && trap !== false) signals.push('honeypot');
  }
  if (settings.formToken) {
    const verdict = await verifyFormToken(settings.formToken.secret, body['formToken'], {
      now: settings.now,
      ...(settings.formToken.minFillMs !== undefined ? { minFillMs: settings.formToken.minFillMs } : {}),
      ...(settings.formToken.maxAgeMs !== undefined ? { maxAgeMs: settings.formToken.maxAgeMs } : {}),
    });
    if (!verdict.ok) signals.push(verdict.problem);
  }
  return signals;
}

/** The history comment of a lead stored as spam: which signals fired. */
export function spamComment(signals: readonly SpamSignal[]): string {
  return `Flagged as spam by lead intake (${signals.join(', ')}); kept for review`;
}
