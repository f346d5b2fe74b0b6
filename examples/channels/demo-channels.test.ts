import { expect } from '@open-wc/testing';
import { startChannelsDemo } from './demo-channels.js';

describe('channels demo', () => {
  it('turns an emulated Telegram chat into a lead, auto-replies in the chat, and a missed call into a lead with a call-back step', async () => {
    const demo = await startChannelsDemo();
    const client = { chatId: 7001, firstName: 'Olga', languageCode: 'ru' };
    expect(await demo.clientWrites(client, 'Здравствуйте! Есть диван в наличии?')).to.equal(200);
    const [lead] = await demo.crm.leads.list();
    expect(lead?.name).to.equal('Olga');
    expect(lead?.handles).to.deep.equal({ telegram: '7001' });
    expect(demo.chats.get(7001)?.map((l) => l.from)).to.deep.equal(['client', 'bot']);
    expect(demo.chats.get(7001)?.[1]?.text).to.include('Спасибо');

    await demo.crm.channels.send('telegram', { to: '7001', text: 'Да, есть', recordType: 'lead', recordId: lead!.id });
    expect(demo.chats.get(7001)?.at(-1)).to.deep.equal({ from: 'bot', text: 'Да, есть' });

    expect(await demo.missedCall('+7 999 111-22-33')).to.equal(200);
    const leads = await demo.crm.leads.list();
    const called = leads.find((l) => l.phone === '+7 999 111-22-33');
    expect(called?.source?.channel).to.equal('phone');
    expect((await demo.crm.activities.list({ recordId: called!.id })).map((a) => a.type)).to.deep.equal(['call']);
    await demo.crm.close();
  });
});
