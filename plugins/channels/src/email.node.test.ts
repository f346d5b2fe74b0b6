// Inbound and outgoing email: raw RFC 5322 messages posted to the handler on a real HTTP server.
import { createCrm, memoryStore, type Crm, type HistoryEntry } from '@crmkit/core';
import { channelsPlugin, createEmailInboundHandler, generateWebhookSecret, signWebhook, type EmailMessage } from '@crmkit/plugin-channels';
import { smtpTransport } from '@crmkit/plugin-channels/smtp';
import { nodeTest, serve, type TestServer } from './test/node-harness.js';

const { describe, it, assert } = await nodeTest();
const SECRET = generateWebhookSecret();

function mail(lines: string[]): string {
  return lines.join('\r\n');
}

const fromUnknown = (id: string, extra: string[] = []) =>
  mail([
    'From: =?UTF-8?B?0JzQsNGA0LjRjyDQodC40LTQvtGA0L7QstCw?= <maria@client.example>',
    'To: sales@shop.example',
    'Subject: =?UTF-8?Q?=D0=A6=D0=B5=D0=BD=D0=B0_=D0=BD=D0=B0_=D0=B4=D0=B8=D0=B2=D0=B0=D0=BD?=',
    `Message-ID: <${id}@client.example>`,
    'Date: Tue, 1 Dec 2026 10:00:00 +0300',
    'MIME-Version: 1.0',
    ...extra,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '=D0=A1=D0=BA=D0=BE=D0=BB=D1=8C=D0=BA=D0=BE =D1=81=D1=82=D0=BE=D0=B8=D1=82 =D0=B4=D0=B8=D0=B2=D0=B0=D0=BD?',
    '',
  ]);

async function setup(): Promise<{ crm: Crm; server: TestServer; post: (body: string, headers?: Record<string, string>) => Promise<Response>; sent: EmailMessage[] }> {
  const sent: EmailMessage[] = [];
  const crm = await createCrm({
    store: memoryStore(),
    automationIntervalMs: false,
    plugins: [channelsPlugin({ email: { from: 'Sales <sales@shop.example>', transport: { send: async (m) => void sent.push(m) } }, autoReply: { text: { en: 'Thank you, we will reply soon.', ru: 'Спасибо, скоро ответим.' } } })],
  });
  const server = await serve(createEmailInboundHandler(crm, { secret: SECRET }));
  const post = (body: string, headers: Record<string, string> = { authorization: `Bearer ${SECRET}` }) => fetch(`${server.url}/email`, { method: 'POST', headers: { 'content-type': 'message/rfc822', ...headers }, body });
  return { crm, server, post, sent };
}

const timeline = async (crm: Crm, recordType: 'lead' | 'contact', recordId: string): Promise<HistoryEntry[]> =>
  (await crm.history.list({ recordType, recordId })).filter((h) => h.type.startsWith('message_'));

describe('email channel', () => {
  it('turns an unknown sender into a lead, decoding encoded words and quoted-printable, and auto-replies once in their language', async () => {
    const { crm, server, post, sent } = await setup();
    try {
      assert.equal((await post(fromUnknown('m1'))).status, 200);
      assert.equal((await post(fromUnknown('m1'))).status, 200, 'a repeated delivery is acknowledged');
      const leads = await crm.leads.list();
      assert.equal(leads.length, 1);
      const lead = leads[0]!;
      assert.equal(lead.name, 'Мария Сидорова');
      assert.equal(lead.email, 'maria@client.example');
      assert.equal(lead.source?.channel, 'email');
      const [msg, reply, ...rest] = await timeline(crm, 'lead', lead.id);
      assert.equal(rest.length, 0);
      assert.deepEqual([msg?.type, msg?.data['subject'], msg?.data['text'], msg?.data['messageId']], ['message_in', 'Цена на диван', 'Сколько стоит диван?', '<m1@client.example>']);
      assert.deepEqual([reply?.type, reply?.data['text']], ['message_out', 'Спасибо, скоро ответим.']);
      assert.equal(sent.length, 1);
      assert.deepEqual([sent[0]?.to, sent[0]?.subject, sent[0]?.inReplyTo], ['maria@client.example', 'Re: Цена на диван', '<m1@client.example>']);
    } finally {
      await server.close();
    }
  });

  it('puts mail from a known contact on their timeline, reads multipart/alternative base64 parts, and threads replies by In-Reply-To', async () => {
    const { crm, server, post, sent } = await setup();
    try {
      const contact = await crm.contacts.create({ name: 'Bob', email: 'Bob@Corp.example' });
      const boundary = 'b1';
      const alt = mail([
        'From: Bob <bob@corp.example>',
        'Subject: Order',
        'Message-ID: <b1@corp.example>',
        'Content-Language: en',
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        btoa('Please send 3 chairs.'),
        `--${boundary}`,
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Please send <b>3</b> chairs.</p>',
        `--${boundary}--`,
        '',
      ]);
      assert.equal((await post(alt)).status, 200);
      assert.deepEqual((await timeline(crm, 'contact', contact.id)).map((h) => h.data['text']), ['Please send 3 chairs.']);
      assert.equal((await crm.leads.list()).length, 0);
      assert.equal(sent.length, 0, 'a known client is not auto-answered');

      await crm.channels.send('email', { to: 'bob@corp.example', text: 'Sure, tomorrow.', recordType: 'contact', recordId: contact.id });
      assert.deepEqual([sent[0]?.subject, sent[0]?.inReplyTo], ['Re: Order', '<b1@corp.example>']);
      const ours = sent[0]!.messageId;
      const fromColleague = mail(['From: Carol <carol@corp.example>', 'Subject: Re: Order', 'Message-ID: <c1@corp.example>', `In-Reply-To: ${ours}`, `References: <b1@corp.example> ${ours}`, 'Content-Type: text/plain', '', 'And 2 tables, please.', '']);
      assert.equal((await post(fromColleague)).status, 200);
      assert.equal((await crm.leads.list()).length, 0, 'a reply in the thread is not a new lead');
      const entries = await timeline(crm, 'contact', contact.id);
      assert.deepEqual(entries.map((h) => [h.type, h.data['text']]), [['message_in', 'Please send 3 chairs.'], ['message_out', 'Sure, tomorrow.'], ['message_in', 'And 2 tables, please.']]);
      assert.equal(entries[2]?.data['inReplyTo'], ours);
    } finally {
      await server.close();
    }
  });

  it('authenticates by bearer or Standard Webhooks signature; refused requests store nothing', async () => {
    const { crm, server, post } = await setup();
    try {
      const raw = fromUnknown('auth1');
      for (const headers of [{}, { authorization: 'Bearer wrong-wrong-wrong-wrong' }, { authorization: `Basic ${btoa(`x:${SECRET}`)}` }, { ...(await signWebhook(generateWebhookSecret(), raw)) }, { ...(await signWebhook(SECRET, `${raw}tampered`)) }]) {
        const res = await post(raw, headers as Record<string, string>);
        assert.equal(res.status, 401, JSON.stringify(Object.keys(headers)));
        assert.ok(!(await res.text()).includes(SECRET));
      }
      assert.equal((await crm.leads.list()).length, 0);
      assert.equal((await crm.store.query('meta')).length, 0);
      assert.equal((await post(raw, { ...(await signWebhook(SECRET, raw)) })).status, 200);
      assert.equal((await crm.leads.list()).length, 1);
    } finally {
      await server.close();
    }
  });

  it('answers malformed MIME 400 with nothing stored', async () => {
    const { crm, server, post } = await setup();
    try {
      for (const raw of ['just some text, no headers', mail(['Subject: no sender', 'Message-ID: <x@y>', '', 'hi']), mail(['From: someone', 'Subject: no address', '', 'hi']), 'From: a@b.example\r\nSubject: no body separator']) {
        const res = await post(raw);
        assert.equal(res.status, 400, raw);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'malformed_message');
      }
      assert.equal((await crm.leads.list()).length, 0);
      assert.equal((await crm.store.query('meta')).length, 0);
    } finally {
      await server.close();
    }
  });

  it('stores automatic mail but never auto-answers it, and reads the raw message from an inbound-parse form', async () => {
    const { crm, server, post, sent } = await setup();
    try {
      assert.equal((await post(fromUnknown('ooo', ['Auto-Submitted: auto-replied']))).status, 200);
      assert.equal((await crm.leads.list()).length, 1);
      assert.equal(sent.length, 0);
      const form = new FormData();
      form.set('email', mail(['From: Dana <dana@else.example>', 'Subject: Hello', 'Message-ID: <d1@else.example>', '', 'Bonjour', '']));
      const res = await fetch(`${server.url}/email`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: form });
      assert.equal(res.status, 200);
      assert.deepEqual((await crm.leads.list()).map((l) => l.email).sort(), ['dana@else.example', 'maria@client.example']);
    } finally {
      await server.close();
    }
  });

  it('reports an SMTP failure without the credentials', async () => {
    const transport = smtpTransport({ host: '127.0.0.1', port: 1, auth: { user: 'sales', pass: 'smtp-password-never-shown' } });
    let caught: unknown;
    await transport.send({ from: 'a@b.example', to: 'c@d.example', subject: 's', text: 't', messageId: '<m@b.example>' }).catch((e: unknown) => (caught = e));
    assert.ok(caught instanceof Error);
    const text = `${String(caught)} ${(caught as Error).stack ?? ''} ${JSON.stringify(caught)}`;
    assert.ok(!text.includes('smtp-password-never-shown'));
    assert.match(String(caught), /SMTP delivery to c@d.example failed/);
  });
});

describe('smtpTransport', () => {
  it('sends through an SMTP server with threading headers', async () => {
    const net = (await import('node:net' as string)) as {
      createServer(fn: (socket: { write(s: string): void; on(e: string, f: (d: unknown) => void): void; end(): void }) => void): { listen(p: number, h: string, cb: () => void): void; address(): { port: number }; close(): void };
    };
    const received: string[] = [];
    const server = net.createServer((socket) => {
      let data = false;
      let buffer = '';
      socket.write('220 test ESMTP\r\n');
      socket.on('data', (chunk) => {
        buffer += String(chunk);
        for (;;) {
          if (data) {
            const end = buffer.indexOf('\r\n.\r\n');
            if (end < 0) return;
            received.push(buffer.slice(0, end));
            buffer = buffer.slice(end + 5);
            data = false;
            socket.write('250 queued\r\n');
            continue;
          }
          const nl = buffer.indexOf('\r\n');
          if (nl < 0) return;
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 2);
          if (/^EHLO/i.test(line)) socket.write('250 test\r\n');
          else if (/^DATA/i.test(line)) {
            data = true;
            socket.write('354 go\r\n');
          } else if (/^QUIT/i.test(line)) {
            socket.write('221 bye\r\n');
            socket.end();
          } else socket.write('250 ok\r\n');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const transport = smtpTransport({ host: '127.0.0.1', port: server.address().port });
      await transport.send({ from: 'Sales <sales@shop.example>', to: 'bob@corp.example', subject: 'Re: Заказ', text: 'Привет', messageId: '<ours@shop.example>', inReplyTo: '<b1@corp.example>', references: ['<b1@corp.example>'] });
      const message = received[0] ?? '';
      assert.match(message, /^Message-ID: <ours@shop\.example>/im);
      assert.match(message, /^In-Reply-To: <b1@corp\.example>/im);
      assert.match(message, /^To: bob@corp\.example/im);
      assert.match(message, /^Subject: =\?UTF-8\?/im);
    } finally {
      server.close();
    }
  });
});
