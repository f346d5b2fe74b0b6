import type { Locale } from './locale.js';
import { resolveLocale } from './locale.js';

/** What a value was expected to be, for messages like "Expected a number". */
export type ExpectedNoun = 'text' | 'number' | 'boolean' | 'date' | 'list' | 'object';

/** What an argument of a public call was expected to be (the API boundary's own nouns). */
export type ExpectedArgument = 'id' | 'function' | 'storable';

interface ExpectedTable {
  /** `{what}` is a noun phrase or a `{ id, name }` shape. */
  expected: string;
  /** `{values}` is the list of allowed values. */
  oneOf: string;
  nouns: Record<ExpectedNoun, string>;
}

/**
 * "Expected …" messages in every supported locale: validation issues say
 * what was expected instead of only that a value was wrong.
 */
const EXPECTED: Readonly<Record<Locale, ExpectedTable>> = {
  en: {
    expected: 'Expected {what}',
    oneOf: 'Expected one of: {values}',
    nouns: {
      text: 'text',
      number: 'a number',
      boolean: 'true or false',
      date: 'a date (a Date or an ISO 8601 string)',
      list: 'a list',
      object: 'an object',
    },
  },
  ru: {
    expected: 'Ожидается {what}',
    oneOf: 'Ожидается одно из значений: {values}',
    nouns: {
      text: 'текст',
      number: 'число',
      boolean: 'да или нет (true/false)',
      date: 'дата (Date или строка ISO 8601)',
      list: 'список',
      object: 'объект',
    },
  },
  zh: {
    expected: '应为{what}',
    oneOf: '应为以下之一：{values}',
    nouns: {
      text: '文本',
      number: '数字',
      boolean: '是或否（true/false）',
      date: '日期（Date 或 ISO 8601 字符串）',
      list: '列表',
      object: '对象',
    },
  },
  mn: {
    expected: 'Утга нь {what} байх ёстой',
    oneOf: 'Дараах утгуудын аль нэг байх ёстой: {values}',
    nouns: {
      text: 'текст',
      number: 'тоо',
      boolean: 'тийм эсвэл үгүй (true/false)',
      date: 'огноо (Date эсвэл ISO 8601 мөр)',
      list: 'жагсаалт',
      object: 'объект',
    },
  },
  uz: {
    expected: 'Qiymat {what} bo‘lishi kerak',
    oneOf: 'Quyidagilardan biri bo‘lishi kerak: {values}',
    nouns: {
      text: 'matn',
      number: 'son',
      boolean: 'ha yoki yo‘q (true/false)',
      date: 'sana (Date yoki ISO 8601 satri)',
      list: 'ro‘yxat',
      object: 'obyekt',
    },
  },
};

// Kept apart from EXPECTED so that a lead form, which validates fields but calls no service, does not bundle them.
const ARGUMENT_NOUNS: Readonly<Record<Locale, Record<ExpectedArgument, string>>> = {
  en: { id: 'a record id (non-empty text)', function: 'a function', storable: 'data that can be stored: text, numbers, true/false, dates, lists or objects (not functions or symbols)' },
  ru: { id: 'идентификатор записи (непустая строка)', function: 'функция', storable: 'данные, которые можно сохранить: текст, числа, true/false, даты, списки или объекты (не функции и не символы)' },
  zh: { id: '记录 ID（非空文本）', function: '函数', storable: '可保存的数据：文本、数字、true/false、日期、列表或对象（不能是函数或符号）' },
  mn: { id: 'бичлэгийн ID (хоосон биш текст)', function: 'функц', storable: 'хадгалж болох өгөгдөл: текст, тоо, true/false, огноо, жагсаалт эсвэл объект (функц, symbol биш)' },
  uz: { id: 'yozuv identifikatori (bo‘sh bo‘lmagan matn)', function: 'funksiya', storable: 'saqlanadigan maʼlumot: matn, son, true/false, sana, ro‘yxat yoki obyekt (funksiya yoki symbol emas)' },
};

/** "Expected a number" (or its translation) for one of the {@link ExpectedNoun}s. */
export function expectedMessage(noun: ExpectedNoun, locale: string): string {
  const table = EXPECTED[resolveLocale(locale)];
  return table.expected.replace('{what}', table.nouns[noun]);
}

/** "Expected a record id" and the like, for an argument of a public call. */
export function expectedArgumentMessage(noun: ExpectedNoun | ExpectedArgument, locale: string): string {
  const tag = resolveLocale(locale);
  const arg = ARGUMENT_NOUNS[tag] as Record<string, string>;
  return arg[noun] !== undefined ? EXPECTED[tag].expected.replace('{what}', arg[noun]) : expectedMessage(noun as ExpectedNoun, locale);
}

/** "Expected { id, name }": an object with these fields (at most eight shown). */
export function expectedShapeMessage(keys: readonly string[], locale: string): string {
  const shown = keys.length > 8 ? [...keys.slice(0, 8), '…'] : keys;
  return EXPECTED[resolveLocale(locale)].expected.replace('{what}', `{ ${shown.join(', ')} }`);
}

/** "Expected one of: won, lost" (values quoted as the caller would write them). */
export function expectedOneOfMessage(values: readonly unknown[], locale: string): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)));
  return EXPECTED[resolveLocale(locale)].oneOf.replace('{values}', shown.join(', '));
}
