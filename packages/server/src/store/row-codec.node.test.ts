import { decodeRowText, encodeRow } from './row-codec.js';

const { it } = (await import('node:test')) as unknown as { it(name: string, fn: () => void | Promise<void>): void };

function check(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}

/** What the database hands back: the encoded row as JSON text. */
const roundTrip = <T>(row: object): T => decodeRowText<T>(JSON.stringify(encodeRow(row)));

it('decodes tagged values from the text (dates, shared objects, undefined in arrays, escaped tags)', () => {
  const home = { city: 'Ulaanbaatar' };
  const back = roundTrip<{ at: Date; a: typeof home; b: typeof home; list: unknown[]; odd: { $date: string } }>({
    id: 'r1',
    at: new Date('2026-01-02T03:04:05.000Z'),
    a: home,
    b: home,
    list: [1, undefined, 3],
    odd: { $date: 'not a tag' },
  });
  check(back.at instanceof Date && back.at.toISOString() === '2026-01-02T03:04:05.000Z', 'a Date comes back as a Date');
  check(back.a === back.b, 'an object reached twice comes back as one object');
  check(back.list.length === 3 && back.list[1] === undefined && 1 in back.list, 'undefined inside an array stays');
  check(back.odd.$date === 'not a tag', 'a plain object with a tag-like key stays plain');
});

it('decodes a row whose only tags are a shared object and undefined in an array', () => {
  const home = { city: 'Tashkent' };
  const back = roundTrip<{ a: typeof home; b: typeof home; list: unknown[] }>({ id: 'r3', a: home, b: home, list: [undefined] });
  check(back.a === back.b, 'one object reached twice');
  check(back.list.length === 1 && back.list[0] === undefined && 0 in back.list, 'undefined stays undefined');
});

it('hands back plain rows as fresh objects, including text that merely mentions a tag', () => {
  const row = { id: 'r2', title: 'Price "$5"', nested: { tags: ['a', 'b'] }, note: '{"$date": "2026"}' };
  const text = JSON.stringify(encodeRow(row));
  const one = decodeRowText<typeof row>(text);
  const two = decodeRowText<typeof row>(text);
  check(JSON.stringify(one) === JSON.stringify(row), 'the same row');
  check(one !== two && one.nested !== two.nested, 'each read is a fresh copy');
});
