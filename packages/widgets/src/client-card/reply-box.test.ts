import { createCrm, definePlugin, memoryStore, type Crm, type OutgoingMessage } from '@crmkit/core';
import { expect, waitUntil } from '@open-wc/testing';
import { $, $$, button, mount, NOW, settle, text, type, USERS } from './test-helpers.js';

interface Sent extends OutgoingMessage {
  channel: string;
}

/** A CRM with `telegram` and `email` channels that record what they send (and can be told to fail). */
async function crmWithChannels(locale = 'en'): Promise<{ crm: Crm; sent: Sent[]; fail: { next: boolean } }> {
  const sent: Sent[] = [];
  const fail = { next: false };
  const channel = (name: string) => ({
    async send(message: OutgoingMessage) {
      if (fail.next) {
        fail.next = false;
        throw new Error('bot was blocked');
      }
      sent.push({ ...message, channel: name });
    },
  });
  const crm = await createCrm({
    store: memoryStore(),
    automationIntervalMs: false,
    now: () => new Date(NOW),
    users: USERS,
    currentUser: 'bo',
    locale,
    plugins: [definePlugin({ name: 'test-channels', channels: { telegram: channel('telegram'), email: channel('email') } })],
  });
  return { crm, sent, fail };
}

describe('<crm-client-card> reply box', () => {
  it('shows messages by channel and direction, and replies on the channel the client last wrote from', async () => {
    const { crm, sent } = await crmWithChannels();
    const lead = await crm.leads.create({ name: 'Ivan', handles: { telegram: '555001' }, source: { channel: 'telegram' } });
    await crm.channels.receive('telegram', { text: 'How much is delivery?', from: '555001', recordType: 'lead', recordId: lead.id });
    const el = await mount(crm, `lead:${lead.id}`);

    const entry = $$(el, '.entry[data-type="message_in"]')[0] as HTMLElement;
    expect(entry.dataset['channel']).to.equal('telegram');
    expect(entry.textContent).to.include('Message received (Telegram)');
    expect(entry.textContent).to.include('How much is delivery?');

    const label = text(el, '.reply');
    expect(label).to.include('Reply by Telegram to 555001');
    type($<HTMLTextAreaElement>(el, '#reply-text'), 'Delivery is free');
    button(el, 'Send', '.reply').click();
    await waitUntil(() => sent.length === 1, 'the reply went out');
    expect(sent[0]).to.include({ channel: 'telegram', to: '555001', text: 'Delivery is free', recordType: 'lead', recordId: lead.id });
    await waitUntil(() => $$(el, '.entry[data-type="message_out"]').length === 1, 'the reply is on the timeline');
    expect($<HTMLTextAreaElement>(el, '#reply-text').value).to.equal('');
    expect(text(el, '.entry[data-type="message_out"]')).to.include('Message sent (Telegram)');

    await crm.channels.receive('email', { text: 'Also, an invoice please', from: 'ivan@client.example', recordType: 'lead', recordId: lead.id, data: { subject: 'Invoice' } });
    await waitUntil(() => text(el, '.reply').includes('Reply by email to ivan@client.example'), 'the box follows the last channel');
    expect(text(el, '.timeline')).to.include('Subject: Invoice');
    type($<HTMLTextAreaElement>(el, '#reply-text'), 'Attached');
    button(el, 'Send', '.reply').click();
    await waitUntil(() => sent.length === 2);
    expect(sent[1]).to.include({ channel: 'email', to: 'ivan@client.example', text: 'Attached' });
    await expect(el).to.be.accessible();
    await crm.close();
  });

  it('keeps the text and says so when sending fails; refuses an empty reply; stays hidden without a channel to answer on', async () => {
    const { crm, sent, fail } = await crmWithChannels('ru');
    const contact = await crm.contacts.create({ name: 'Олег', email: 'oleg@example.com' });
    const quiet = await crm.contacts.create({ name: 'Тихий', email: 'quiet@example.com' });
    await crm.channels.receive('phone', { text: 'Missed call', from: '+79990000000', recordType: 'contact', recordId: quiet.id, data: { call: { callId: 'c1', outcome: 'missed' } } });
    const hidden = await mount(crm, `contact:${quiet.id}`, 'ru');
    expect($$(hidden, '.reply')).to.have.length(0);
    expect(text(hidden, '.timeline')).to.include('Пропущенный звонок');

    await crm.channels.receive('email', { text: 'Здравствуйте', from: 'oleg@example.com', recordType: 'contact', recordId: contact.id });
    const el = await mount(crm, `contact:${contact.id}`, 'ru');
    button(el, 'Отправить', '.reply').click();
    await settle(el);
    expect($(el, '#reply-error').textContent).to.include('Сначала напишите ответ');
    fail.next = true;
    type($<HTMLTextAreaElement>(el, '#reply-text'), 'Добрый день!');
    button(el, 'Отправить', '.reply').click();
    await waitUntil(() => el.shadowRoot?.querySelector('#reply-error')?.textContent?.includes('Не удалось'), 'the failure is announced');
    expect($(el, '#reply-error').getAttribute('role')).to.equal('alert');
    expect($<HTMLTextAreaElement>(el, '#reply-text').value).to.equal('Добрый день!');
    expect(sent).to.have.length(0);
    await expect(el).to.be.accessible();
    await crm.close();
  });
});
