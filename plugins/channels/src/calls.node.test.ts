// PBX call events on a real HTTP server: crmkit's JSON shape and Zadarma's form posts.
import { createCrm, memoryStore, type Crm } from '@crmkit/core';
import { channelsPlugin, createCallEventHandler, signWebhook, zadarmaCallFormat, zadarmaSignature } from '@crmkit/plugin-channels';
import { nodeTest, serve, type TestServer } from './test/node-harness.js';

const { describe, it, assert } = await nodeTest();
const SECRET = 'calls-secret-0123456789abcdef';
const T0 = new Date('2026-12-01T09:00:00Z');

async function setup(format?: typeof zadarmaCallFormat): Promise<{ crm: Crm; server: TestServer; post: (body: unknown, headers?: Record<string, string>) => Promise<Response> }> {
  const crm = await createCrm({ store: memoryStore(), automationIntervalMs: false, locale: 'ru', now: () => T0, users: [{ id: 'ann', name: 'Ann', role: 'manager' }], plugins: [channelsPlugin({ leadOwnerId: 'ann' })] });
  const server = await serve(createCallEventHandler(crm, { secret: SECRET, ...(format ? { format } : {}) }));
  const post = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${SECRET}` }) =>
    fetch(`${server.url}/calls`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { crm, server, post };
}

describe('call events', () => {
  it('turns a missed call from an unknown number into a lead with a call-back step for its owner, once per call', async () => {
    const { crm, server, post } = await setup();
    try {
      assert.equal((await post({ callId: 'c1', type: 'ringing', from: '+7 999 123-45-67' })).status, 200);
      assert.equal((await crm.leads.list()).length, 0, 'ringing stores nothing');
      for (let i = 0; i < 2; i++) assert.equal((await post({ callId: 'c1', type: 'missed', from: '+7 999 123-45-67', to: '101' })).status, 200);
      const leads = await crm.leads.list();
      assert.equal(leads.length, 1);
      assert.equal(leads[0]?.phone, '+7 999 123-45-67');
      assert.equal(leads[0]?.source?.channel, 'phone');
      assert.equal(leads[0]?.ownerId, 'ann');
      const steps = await crm.activities.list({ recordId: leads[0]!.id });
      assert.deepEqual(steps.map((a) => [a.type, a.assigneeId, a.state, a.dueAt]), [['call', 'ann', 'pending', new Date(T0.getTime() + 15 * 60_000).toISOString()]]);
      const timeline = (await crm.history.list({ recordType: 'lead', recordId: leads[0]!.id })).filter((h) => h.type === 'message_in');
      assert.deepEqual(timeline.map((h) => [h.data['channel'], (h.data['call'] as { outcome: string }).outcome]), [['phone', 'missed']]);
    } finally {
      await server.close();
    }
  });

  it('gives a known client a call-back step on their record, and logs answered calls with duration and recording', async () => {
    const { crm, server, post } = await setup();
    try {
      const contact = await crm.contacts.create({ name: 'Olga', phone: '8 (999) 765-43-21', ownerId: 'ann' });
      await post({ callId: 'c2', type: 'missed', from: '+79997654321' });
      assert.equal((await crm.leads.list()).length, 0);
      assert.deepEqual((await crm.activities.list({ recordId: contact.id })).map((a) => a.type), ['call']);
      await post({ callId: 'c3', type: 'answered', from: '+79997654321' });
      await post({ callId: 'c3', type: 'ended', from: '+79997654321', duration: 185, recordingUrl: 'https://pbx.example/rec/c3.mp3' });
      await post({ callId: 'c3', type: 'ended', from: '+79997654321', duration: 185, recordingUrl: 'https://pbx.example/rec/c3.mp3' });
      const calls = (await crm.history.list({ recordType: 'contact', recordId: contact.id })).filter((h) => h.type === 'message_in').map((h) => h.data['call']);
      assert.deepEqual(calls, [
        { callId: 'c2', outcome: 'missed' },
        { callId: 'c3', outcome: 'answered', duration: 185, recordingUrl: 'https://pbx.example/rec/c3.mp3' },
      ]);
      assert.equal((await crm.activities.list({ recordId: contact.id })).length, 1, 'an answered call needs no call-back');
    } finally {
      await server.close();
    }
  });

  it('refuses bad secrets and names the bad field, storing nothing', async () => {
    const { crm, server, post } = await setup();
    try {
      const good = { callId: 'c9', type: 'missed', from: '+79990000000' };
      for (const headers of [{}, { authorization: 'Bearer nope-nope-nope-nope' }, { ...(await signWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', JSON.stringify(good))) }]) {
        assert.equal((await post(good, headers as Record<string, string>)).status, 401);
      }
      for (const [body, field] of [[{ ...good, type: 'hold' }, 'type'], [{ ...good, from: 'anonymous' }, 'from'], [{ ...good, duration: -1 }, 'duration'], [{ ...good, callId: '' }, 'callId'], ['{oops', 'body']] as const) {
        const res = await post(body);
        assert.equal(res.status, 400);
        assert.match(((await res.json()) as { error: { message: string } }).error.message, new RegExp(field));
      }
      assert.equal((await crm.leads.list()).length, 0);
      assert.equal((await crm.store.query('meta')).length, 0);
    } finally {
      await server.close();
    }
  });

  it('maps Zadarma notifications, checking their Signature header', async () => {
    const { crm, server } = await setup(zadarmaCallFormat);
    const form = async (fields: Record<string, string>, signature?: string) =>
      fetch(`${server.url}/calls`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', signature: signature ?? (await zadarmaSignature(fields, SECRET)) }, body: new URLSearchParams(fields).toString() });
    try {
      assert.equal(await (await fetch(`${server.url}/calls?zd_echo=abc123`)).text(), 'abc123');
      const end = { event: 'NOTIFY_END', call_start: '2026-12-01 12:00:00', pbx_call_id: 'in_42', caller_id: '79995550011', called_did: '74951234567', disposition: 'no answer', duration: '0', status_code: '16', is_recorded: '0' };
      assert.equal((await form(end, 'bm9wZQ==')).status, 401);
      assert.equal((await crm.leads.list()).length, 0);
      assert.equal((await form(end)).status, 200);
      const [lead] = await crm.leads.list();
      assert.equal(lead?.phone, '79995550011');
      assert.equal((await crm.activities.list({ recordId: lead!.id })).length, 1);
      const { contact } = await crm.leads.convert(lead!.id);
      const answered = { ...end, pbx_call_id: 'in_43', disposition: 'answered', duration: '61' };
      assert.equal((await form(answered)).status, 200);
      const calls = (await crm.history.list({ recordType: 'contact', recordId: contact.id })).filter((h) => h.type === 'message_in');
      assert.deepEqual(calls.map((h) => (h.data['call'] as { duration?: number }).duration), [61]);
      assert.equal((await form({ event: 'NOTIFY_OUT_START', internal: '100', destination: '79990000000', call_start: '2026-12-01 12:00:00' })).status, 200);
    } finally {
      await server.close();
    }
  });
});
