import { html, nothing, type TemplateResult } from 'lit';
import type { CardHost } from './card-host.js';
import { channelName, replyBoxStrings } from './reply-box-strings.js';

/** Where a reply goes: the channel the client last wrote from, and their address there. @internal */
export interface ReplyTarget {
  /** Channel id (`telegram`, `email`, …). */
  channel: string;
  /** The client's address on it (chat id, email address). */
  to: string;
}

/**
 * The card's reply box: answers on the channel the client last wrote from
 * (among the channels this CRM can send on), logged as `message_out` by
 * `crm.channels.send`. A failed send keeps the text. @internal
 */
export class ReplyBox {
  private text = '';
  private error: string | undefined;
  private busy = false;

  constructor(private readonly host: CardHost) {}

  /** Forgets the draft (the card now shows another record). */
  reset(): void {
    this.text = '';
    this.error = undefined;
  }

  /** The channel and address of the client's last message that this CRM can answer. */
  target(): ReplyTarget | undefined {
    const { crm, data } = this.host;
    if (!crm || !data) return undefined;
    const sendable = new Set(crm.channels.list());
    for (let i = data.history.length - 1; i >= 0; i--) {
      const entry = data.history[i];
      if (entry?.type !== 'message_in') continue;
      const channel = entry.data['channel'];
      const from = entry.data['from'];
      if (typeof channel === 'string' && typeof from === 'string' && from && sendable.has(channel)) return { channel, to: from };
    }
    return undefined;
  }

  /** Sends the typed reply. */
  async send(): Promise<void> {
    const { crm, data, uiLocale } = this.host;
    const target = this.target();
    const s = replyBoxStrings(uiLocale);
    if (!crm || !data || !target || this.busy) return;
    if (!this.text.trim()) {
      this.error = s.required;
      this.host.requestUpdate();
      this.host.focusLater('#reply-text');
      return;
    }
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    const name = channelName(target.channel, uiLocale);
    try {
      await crm.channels.send(target.channel, { to: target.to, text: this.text.trim(), recordType: data.type, recordId: data.record.id });
      this.text = '';
      this.host.announce(s.sent(name));
      this.host.fire('crm-message-sent', { channel: target.channel, recordType: data.type, recordId: data.record.id });
    } catch {
      this.error = s.failed(name);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  render(): TemplateResult | typeof nothing {
    const target = this.target();
    if (!target) return nothing;
    const s = replyBoxStrings(this.host.uiLocale);
    return html`<section part="reply" class="reply" aria-labelledby="reply-h">
      <h3 id="reply-h">${s.heading}</h3>
      <form novalidate part="reply-form" class="note-form" data-channel=${target.channel} @submit=${(e: Event) => (e.preventDefault(), this.send())}>
        <label for="reply-text">${s.label(channelName(target.channel, this.host.uiLocale), target.to)}</label>
        <textarea
          id="reply-text"
          part="input"
          rows="3"
          .value=${this.text}
          aria-invalid=${this.error ? 'true' : 'false'}
          aria-describedby=${this.error ? 'reply-error' : nothing}
          @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) {
              e.preventDefault();
              void this.send();
            }
          }}
        ></textarea>
        ${this.error ? html`<p part="error" class="error" id="reply-error" role="alert">${this.error}</p>` : nothing}
        <button type="submit" part="button" ?disabled=${this.busy}>${s.send}</button>
      </form>
    </section>`;
  }
}
