/**
 * @crmkit/plugin-channels/smtp — an SMTP transport for the email channel,
 * on nodemailer. Node only: a separate entry point, so browser bundles of
 * the plugin never pull it in.
 *
 * @packageDocumentation
 */
import type { EmailMessage, EmailTransport } from './email-channel.js';

/** Options of {@link smtpTransport}: where and how to connect. */
export interface SmtpTransportOptions {
  /** SMTP server host. */
  host: string;
  /** Port; default 587 (465 when `secure`). */
  port?: number;
  /** TLS from the start (port 465); default false (STARTTLS when offered). */
  secure?: boolean;
  /** Login. Kept in memory only; never in an error or a log. */
  auth?: { user: string; pass: string };
}

interface Mailer {
  sendMail(mail: Record<string, unknown>): Promise<unknown>;
}

/** The nodemailer options of one message (exported for tests). @internal */
export function nodemailerMessage(mail: EmailMessage): Record<string, unknown> {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references?.length ? { references: mail.references } : {}),
  };
}

/**
 * An {@link EmailTransport} that sends through an SMTP server with
 * nodemailer. A failure throws an error with the SMTP reply code and no
 * credentials.
 *
 * ```ts
 * import { smtpTransport } from '@crmkit/plugin-channels/smtp';
 * channelsPlugin({ email: { from: 'Sales <sales@example.com>', transport: smtpTransport({ host: 'smtp.example.com', auth: { user, pass } }) } });
 * ```
 */
export function smtpTransport(options: SmtpTransportOptions): EmailTransport {
  if (typeof options?.host !== 'string' || options.host.trim() === '') throw new TypeError('smtpTransport: "host" is required');
  let mailer: Promise<Mailer> | undefined;
  const connect = async (): Promise<Mailer> => {
    const nodemailer = (await import('nodemailer' as string)) as { createTransport(o: Record<string, unknown>): Mailer; default?: { createTransport(o: Record<string, unknown>): Mailer } };
    const create = nodemailer.createTransport ?? nodemailer.default?.createTransport;
    if (!create) throw new Error('smtpTransport: nodemailer is not installed');
    return create({ host: options.host, port: options.port ?? (options.secure ? 465 : 587), secure: options.secure ?? false, ...(options.auth ? { auth: options.auth } : {}) });
  };
  return {
    async send(mail) {
      mailer ??= connect();
      try {
        await (await mailer).sendMail(nodemailerMessage(mail));
      } catch (error) {
        const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code ?? 'error';
        throw new Error(`SMTP delivery to ${mail.to} failed (${String(code)})`);
      }
    },
  };
}
