// International input, with strings as people and CRM exports really have them:
// Cyrillic local parts, IDN domains in both spellings, phones typed with
// full-width digits, any dash and extensions.
import { createCrm, emailKey, isPlausiblePhone, memoryStore, normalizeEmail, normalizePhone, phoneKey, ValidationError } from '@crmkit/core';
import { isEmailAddress, parsePhone } from '@crmkit/core/phone';
import phoneMetadata from 'libphonenumber-js/metadata.min.json';

type TestFn = (name: string, fn: () => void | Promise<void>) => void;
const { describe, it } = (await import('node:test' as string)) as { describe: TestFn; it: TestFn };
const assert = (await import('node:assert/strict' as string)) as { equal(a: unknown, b: unknown, msg?: string): void; ok(v: unknown, msg?: string): void; deepEqual(a: unknown, b: unknown, msg?: string): void };

describe('email addresses (RFC 6531)', () => {
  it('accepts Unicode local parts and IDN domains in Unicode or punycode', () => {
    for (const address of ['петров@example.ru', 'Иван.Петров@почта.рф', 'info@сайт.рф', 'info@xn--80aswg.xn--p1ai', '用户@例子.中国', 'бат@монгол.мн', 'o‘g‘il@example.uz'.replace('‘', '').replace('‘', ''), 'name+tag@example.com', 'ANN@Example.COM']) {
      assert.ok(isEmailAddress(address), address);
    }
  });

  it('refuses what is not an address', () => {
    for (const text of ['петров', 'петров@', '@сайт.рф', 'a@b', 'a b@example.com', 'a..b@example.com', '.a@example.com', 'a@-example.com', 'a@example..com', 'a@exa mple.com', 'a@example.com/path', 'a@1.2.3.4', 'a@[1.2.3.4]', `${'я'.repeat(40)}@example.com`]) {
      assert.ok(!isEmailAddress(text), text);
    }
  });

  it('normalises both spellings of a domain, and letter case, to one duplicate key', () => {
    assert.equal(normalizeEmail(' ИНФО@Сайт.РФ '), 'инфо@xn--80aswg.xn--p1ai');
    assert.equal(emailKey('info@сайт.рф'), emailKey('INFO@XN--80ASWG.XN--P1AI'));
    assert.equal(emailKey('Bat@Mail.MN'), 'e:bat@mail.mn', 'ASCII addresses keep the key they always had');
    assert.ok(emailKey('петров@example.ru') !== emailKey('petrov@example.ru'));
  });
});

describe('email domains, read once per domain', () => {
  it('parses each domain once however many addresses share it, and answers alike the second time', () => {
    const Real = globalThis.URL;
    let parsed = 0;
    globalThis.URL = class extends Real {
      constructor(...args: ConstructorParameters<typeof URL>) {
        super(...args);
        parsed++;
      }
    } as typeof URL;
    try {
      const addresses = Array.from({ length: 300 }, (_, i) => [`user${i}@once-a.example`, `x${i}@ONCE-B.example`, `y${i}@bad domain.example`]).flat();
      const first = addresses.map((a) => [isEmailAddress(a), normalizeEmail(a)]);
      const second = addresses.map((a) => [isEmailAddress(a), normalizeEmail(a)]);
      assert.deepEqual(second, first);
      assert.deepEqual(first.slice(0, 3), [[true, 'user0@once-a.example'], [true, 'x0@once-b.example'], [false, 'y0@bad domain.example']]);
      // Two valid domains; the bad one is refused before any URL is made.
      assert.equal(parsed, 2);
    } finally {
      globalThis.URL = Real;
    }
  });
});

describe('email local parts, measured in UTF-8 bytes', () => {
  it('encodes no ASCII local part, and still counts the bytes of one in another script', () => {
    const encode = TextEncoder.prototype.encode;
    let encoded = 0;
    TextEncoder.prototype.encode = function (this: TextEncoder, text?: string) {
      encoded++;
      return encode.call(this, text);
    };
    try {
      // Up to 64 bytes (RFC 5321): 64 ASCII letters fit, 65 do not; 32 Cyrillic letters are 64 bytes, 33 are 66.
      const ascii = [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(65)}@example.com`, 'Ivan.Petrov+crm@example.com'];
      assert.deepEqual(ascii.map(isEmailAddress), [true, false, true]);
      assert.equal(encoded, 0, 'an ASCII local part is measured without encoding it');
      assert.deepEqual([`${'я'.repeat(32)}@example.com`, `${'я'.repeat(33)}@example.com`, `${'a'.repeat(62)}я@example.com`, `${'a'.repeat(63)}я@example.com`].map(isEmailAddress), [true, false, true, false]);
      assert.equal(encoded, 4);
    } finally {
      TextEncoder.prototype.encode = encode;
    }
  });
});

describe('phone keys, worked out once per number', () => {
  it('asks libphonenumber once per distinct number and country, however often rows repeat it', () => {
    // Every parse reads the metadata's countries: counting those reads counts the parses.
    const metadata = phoneMetadata as { countries: unknown };
    const countries = metadata.countries;
    let reads = 0;
    Object.defineProperty(metadata, 'countries', { configurable: true, enumerable: true, get: () => (reads++, countries) });
    try {
      // Numbers no other test uses, so none is known before this one.
      const typed = Array.from({ length: 200 }, (_, i) => `8 (983) 4${String(i).padStart(2, '0')}-13-57`);
      const first = typed.map((p) => phoneKey(p, 'RU'));
      const parsed = reads;
      assert.ok(parsed >= typed.length, 'each number was parsed once');
      const again = [...typed, ...typed.map((p) => `${p.replaceAll('-', '–').replace(' ', '  ')} доб. 7`)].map((p) => phoneKey(p, 'RU'));
      assert.equal(reads, parsed, 'no number is parsed twice');
      assert.deepEqual(again, [...first, ...first]);
      assert.equal(first[0], 'p:+79834001357');
      // The same digits read in another country are another question.
      assert.equal(phoneKey(typed[0] as string, 'KZ'), 'p:+79834001357');
      assert.ok(reads > parsed);
    } finally {
      Object.defineProperty(metadata, 'countries', { configurable: true, enumerable: true, writable: true, value: countries });
    }
  });
});

describe('phone numbers as people type them', () => {
  it('reads full-width digits, every kind of dash and non-breaking spaces', () => {
    const e164 = '+79991234567';
    for (const typed of ['＋７ ９９９ １２３－４５－６７', '+7 999 123–45–67', '+7 999 123—45—67', '+7\u00a0999\u00a0123\u221245\u221267', '+7 999 123\u20114567', '8 (999) 123-45-67', '٨ (٩٩٩) ١٢٣-٤٥-٦٧']) {
      assert.ok(isPlausiblePhone(typed), typed);
      assert.equal(normalizePhone(typed, 'RU'), e164, typed);
    }
  });

  it('keeps an extension apart from the number; the duplicate key ignores it', () => {
    const cases: Array<[string, string, string]> = [
      ['+7 (495) 123-45-67 доб. 123', '+7 (495) 123-45-67', '123'],
      ['+7 495 123 45 67, добавочный 4567', '+7 495 123 45 67', '4567'],
      ['+1 (555) 010-0123 ext. 45', '+1 (555) 010-0123', '45'],
      ['+1 555 010 0123 x45', '+1 555 010 0123', '45'],
      ['+1 555 010 0123 #45', '+1 555 010 0123', '45'],
      ['+86 10 6552 9988 分机 808', '+86 10 6552 9988', '808'],
      ['tel-like +74951234567;ext=9'.replace('tel-like ', ''), '+74951234567', '9'],
    ];
    for (const [typed, number, extension] of cases) {
      assert.deepEqual(parsePhone(typed), { number, extension }, typed);
      assert.ok(isPlausiblePhone(typed), typed);
      assert.equal(phoneKey(typed), phoneKey(number), `${typed}: key without the extension`);
    }
    assert.equal(normalizePhone('+7 (495) 123-45-67 доб. 123'), '+74951234567;ext=123');
    assert.deepEqual(parsePhone('+7 999 123-45-67'), { number: '+7 999 123-45-67' });
  });

  it('reads a number that needs no cleaning exactly as one that does', () => {
    // A trailing space sends a number down the cleaning path (which trims it away): for any text, both readings agree.
    const parts = ['+', '7', '8', '9', '0', ' ', '  ', '-', '–', '(', ')', '.', '/', 'x', '#', ';', ',', 'ext=', 'доб.', '\u00a0', '１', '\t'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 5000; n++) {
      let typed = '';
      const length = 1 + Math.floor(next() * 14);
      for (let k = 0; k < length; k++) typed += parts[Math.floor(next() * parts.length)];
      assert.deepEqual(parsePhone(typed), parsePhone(`${typed} `), JSON.stringify(typed));
    }
    for (const typed of ['+7 999 123-45-67', '8 (999) 123.45/67', '+7  999', ' +7 999', '+7 999 ', '+7 999 x45', '+7 999 #45']) {
      assert.deepEqual(parsePhone(typed), parsePhone(`${typed} `), typed);
    }
  });

  it('still refuses text that is not a phone number', () => {
    for (const text of ['call me', '12', '+7 999 ABC-45-67', '1234567890123456789', 'доб. 123']) assert.ok(!isPlausiblePhone(text), text);
  });
});

describe('international input through the CRM', () => {
  it('stores what was typed and matches duplicates across spellings', async () => {
    const crm = await createCrm({ store: memoryStore(), locale: 'ru', automationIntervalMs: false });
    try {
      const contact = await crm.contacts.create({ name: 'Пётр Петров', email: 'петров@сайт.рф', phone: '＋７ ９９９ １２３－４５－６７ доб. 12' });
      assert.deepEqual(contact.emails, ['петров@сайт.рф'], 'the address is kept as typed');
      assert.deepEqual(contact.phones, ['＋７ ９９９ １２３－４５－６７ доб. 12'], 'the phone is kept as typed, extension included');
      const byPunycode = await crm.leads.create({ email: 'ПЕТРОВ@xn--80aswg.xn--p1ai' });
      assert.equal(byPunycode.contactId, contact.id, 'punycode spelling of the same address');
      const byPhone = await crm.leads.create({ phone: '8 (999) 123–45–67' });
      assert.equal(byPhone.contactId, contact.id, 'same number, typed nationally with en-dashes, no extension');
      const again = await crm.contacts.create({ name: 'Пётр', email: 'Петров@Сайт.РФ' });
      assert.equal(again.id, contact.id, 'not duplicated');
      let refused: unknown;
      try {
        await crm.contacts.create({ name: 'X', email: 'петров@' });
      } catch (e) {
        refused = e;
      }
      assert.ok(refused instanceof ValidationError && refused.issues[0]!.code === 'invalid_email', String(refused));
    } finally {
      await crm.close();
    }
  });
});
