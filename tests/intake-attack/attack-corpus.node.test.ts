// The intake endpoint under attack: every case of attack-cases.ts against a
// real HTTP server on 127.0.0.1 (a fresh server and CRM per case). Whatever
// the case, no answer is a 500, none carries an internal message (stack,
// plugin message, secret), and nothing is stored that the case does not allow.
import { OperationRefusedError } from '@crmkit/core';
import { ATTACK_CASES, type ServerName } from './attack-cases.js';
import { crmWithCaptcha, leadsOf, serve, type Harness } from './http-harness.js';

type Fn = () => void | Promise<void>;
const { describe, it } = (await import('node:test' as string)) as { describe: (name: string, fn: () => void) => void; it: (name: string, fn: Fn) => void };
const assert = ((await import('node:assert/strict' as string)) as { default: unknown }).default as {
  ok(a: unknown, msg?: string): void;
  doesNotMatch(a: string, re: RegExp, msg?: string): void;
};

/** What no answer may contain: stack frames, file paths, error class names, the plugins' secrets. */
const LEAK = /s3cr3t|secret|stack|\bat [\w.<>]+ \(|\.ts:\d|\.m?js:\d|node_modules|ECONNREFUSED|TypeError|RangeError|SyntaxError|captcha\.example/i;

async function server(name: ServerName): Promise<Harness> {
  switch (name) {
    case 'plain':
      return serve({ rateLimit: false });
    case 'limited':
      return serve({ rateLimit: { windowMs: 60_000, max: 3 } });
    case 'proxied':
      return serve({ rateLimit: { windowMs: 60_000, max: 3 } }, { trustProxy: true });
    case 'slow':
      return serve({ rateLimit: false, bodyTimeoutMs: 300 });
    case 'plugins': {
      const crm = await crmWithCaptcha((p) => {
        if (p.lead.message === 'refuse me') throw new OperationRefusedError('The captcha answer is wrong', 'captcha');
        if (String(p.lead.message).includes('isSpam')) return p;
        throw new Error('GET https://captcha.example/verify?secret=s3cr3t failed: ECONNREFUSED');
      });
      return serve(
        {
          rateLimit: false,
          isSpam: ({ lead }) => {
            if (String(lead.message).includes('break isSpam')) throw new TypeError('isSpam: s3cr3t token rejected');
            return false;
          },
        },
        {},
        crm,
      );
    }
  }
}

describe(`intake attack corpus (${ATTACK_CASES.length} cases, real HTTP on 127.0.0.1)`, () => {
  it('has at least 60 cases', () => {
    assert.ok(ATTACK_CASES.length >= 60, `${ATTACK_CASES.length} cases`);
  });
  for (const c of ATTACK_CASES) {
    it(c.name, async () => {
      const h = await server(c.server);
      try {
        const answers = await c.run(h);
        assert.ok(answers.length > 0, 'at least one answer');
        for (const a of answers) {
          assert.ok(a.status >= 200 && a.status < 600, `an HTTP answer came back (got ${a.status})`);
          assert.ok(a.status !== 500, `no 500: ${a.body}`);
          if (a.status === 503) assert.ok(/retry-after/i.test(a.headers), '503 carries Retry-After');
          assert.doesNotMatch(a.body, LEAK, 'no internal message in the body');
          assert.doesNotMatch(a.headers, LEAK, 'no internal message in the headers');
        }
        const stored = (await leadsOf(h.crm)).length;
        assert.ok(stored <= (c.stores ?? 0), `stored ${stored} lead(s), allowed ${c.stores ?? 0}`);
        await c.check?.(answers, h);
      } finally {
        await h.close();
      }
    });
  }
});
