// The channels demo page: an emulated Telegram chat and phone exchange beside
// the leads board and the client card (see demo-channels.ts for the model).
import { defineClientCard, defineFunnelBoard, type CardOpenDetail, type CrmClientCard, type CrmFunnelBoard } from '@crmkit/widgets';
import { startChannelsDemo, type DemoClient } from './demo-channels.js';

defineFunnelBoard();
defineClientCard();

const $ = <T extends Element>(sel: string) => document.querySelector(sel) as T;
const CLIENTS: DemoClient[] = [
  { chatId: 5550001, firstName: 'Olga', languageCode: 'ru' },
  { chatId: 5550002, firstName: 'John', languageCode: 'en' },
  { chatId: 5550003, firstName: '王芳', languageCode: 'zh' },
  { chatId: 5550004, firstName: 'Bat', languageCode: 'mn' },
  { chatId: 5550005, firstName: 'Dilnoza', languageCode: 'uz' },
];
const board = $<CrmFunnelBoard>('crm-funnel-board');
const card = $<CrmClientCard>('crm-client-card');
const chat = $<HTMLOListElement>('#chat');
const clientSelect = $<HTMLSelectElement>('#client');
const status = $<HTMLParagraphElement>('#status');

const demo = await startChannelsDemo();
board.crm = demo.crm;
card.crm = demo.crm;

const current = (): DemoClient => CLIENTS[Number(clientSelect.value)] as DemoClient;

function renderChat(): void {
  const lines = demo.chats.get(current().chatId) ?? [];
  chat.replaceChildren(
    ...lines.map((line) => {
      const li = document.createElement('li');
      li.className = line.from;
      li.textContent = `${line.from === 'bot' ? 'Bot: ' : ''}${line.text}`;
      return li;
    }),
  );
  chat.scrollTop = chat.scrollHeight;
}
demo.onChat = (chatId) => {
  if (chatId === current().chatId) renderChat();
};
clientSelect.addEventListener('change', renderChat);

function open(recordType: string, id: string): void {
  $<HTMLParagraphElement>('#opened').hidden = true;
  card.hidden = false;
  card.record = `${recordType}:${id}`;
}
board.addEventListener('crm-card-open', (e) => {
  const detail = (e as CustomEvent<CardOpenDetail>).detail;
  open(detail.recordType, detail.id);
});

async function newestLeadId(): Promise<string | undefined> {
  const leads = await demo.crm.leads.list();
  return leads.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0]?.id;
}

$<HTMLFormElement>('#say').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $<HTMLInputElement>('#text');
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  const before = (await demo.crm.leads.list()).length;
  const code = await demo.clientWrites(current(), text);
  status.textContent = code === 200 ? '' : `The webhook answered ${code}`;
  if ((await demo.crm.leads.list()).length > before) {
    const id = await newestLeadId();
    if (id) open('lead', id);
    status.textContent = `New lead from Telegram: ${current().firstName}`;
  }
});

$<HTMLFormElement>('#call').addEventListener('submit', async (e) => {
  e.preventDefault();
  const number = $<HTMLInputElement>('#number').value.trim();
  const before = (await demo.crm.leads.list()).length;
  const code = await demo.missedCall(number);
  if (code !== 200) {
    status.textContent = `The call handler answered ${code}: check the number`;
    return;
  }
  if ((await demo.crm.leads.list()).length > before) {
    const id = await newestLeadId();
    if (id) open('lead', id);
    status.textContent = `Missed call from ${number}: a new lead with a call-back step`;
  } else status.textContent = `Missed call from ${number}: a call-back step on the client's record`;
});
