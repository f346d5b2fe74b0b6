import type { Locale } from './locale.js';
import { resolveLocale } from './locale.js';

/** The message keys of validation issues (they equal `ValidationIssue.code`). */
export type ValidationMessageKey =
  | 'required'
  | 'invalid_type'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_big'
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_url'
  | 'invalid_option'
  | 'invalid_date'
  | 'phone_or_email'
  | 'reason_required'
  | 'comment_required'
  | 'invalid';

type Table = Record<ValidationMessageKey, string>;

/**
 * Validation messages for every supported locale. `{n}` is replaced by the
 * limit (length or value). Widgets reuse these so a visitor reads the same
 * sentence whether the form or the server found the problem.
 */
export const VALIDATION_MESSAGES: Readonly<Record<Locale, Table>> = {
  en: {
    required: 'This field is required',
    invalid_type: 'This value has the wrong type',
    too_short: 'Must be at least {n} characters',
    too_long: 'Must be at most {n} characters',
    too_small: 'Must be at least {n}',
    too_big: 'Must be at most {n}',
    invalid_email: 'Enter an email address like name@example.com',
    invalid_phone: 'Enter a phone number with its area code, e.g. +1 202 555 0143',
    invalid_url: 'Enter a web address starting with http:// or https://',
    invalid_option: 'Choose one of the offered values',
    invalid_date: 'Enter a valid date and time',
    phone_or_email: 'Enter a phone number or an email address',
    reason_required: 'Choose a reason',
    comment_required: 'Explain the reason in a comment',
    invalid: 'This value is not valid',
  },
  ru: {
    required: 'Обязательное поле',
    invalid_type: 'Неверный тип значения',
    too_short: 'Не короче {n} символов',
    too_long: 'Не длиннее {n} символов',
    too_small: 'Не меньше {n}',
    too_big: 'Не больше {n}',
    invalid_email: 'Введите адрес почты, например name@example.com',
    invalid_phone: 'Введите номер телефона с кодом, например +7 999 123-45-67',
    invalid_url: 'Введите адрес сайта, начинающийся с http:// или https://',
    invalid_option: 'Выберите одно из предложенных значений',
    invalid_date: 'Введите правильные дату и время',
    phone_or_email: 'Укажите телефон или адрес почты',
    reason_required: 'Выберите причину',
    comment_required: 'Поясните причину в комментарии',
    invalid: 'Недопустимое значение',
  },
  zh: {
    required: '此项为必填项',
    invalid_type: '值的类型不正确',
    too_short: '至少需要 {n} 个字符',
    too_long: '最多 {n} 个字符',
    too_small: '不能小于 {n}',
    too_big: '不能大于 {n}',
    invalid_email: '请输入电子邮箱地址，例如 name@example.com',
    invalid_phone: '请输入电话号码，例如 138 0013 8000',
    invalid_url: '请输入以 http:// 或 https:// 开头的网址',
    invalid_option: '请选择一个给定的选项',
    invalid_date: '请输入有效的日期和时间',
    phone_or_email: '请填写电话号码或电子邮箱',
    reason_required: '请选择原因',
    comment_required: '请在备注中说明原因',
    invalid: '该值无效',
  },
  mn: {
    required: 'Энэ талбарыг заавал бөглөнө',
    invalid_type: 'Утгын төрөл буруу байна',
    too_short: 'Хамгийн багадаа {n} тэмдэгт байх ёстой',
    too_long: 'Хамгийн ихдээ {n} тэмдэгт байх ёстой',
    too_small: '{n}-аас багагүй байх ёстой',
    too_big: '{n}-аас ихгүй байх ёстой',
    invalid_email: 'Имэйл хаягаа оруулна уу, жишээ нь name@example.com',
    invalid_phone: 'Утасны дугаараа кодтой нь оруулна уу, жишээ нь +976 8811 2233',
    invalid_url: 'http:// эсвэл https://-ээр эхэлсэн вэб хаяг оруулна уу',
    invalid_option: 'Санал болгосон утгуудаас сонгоно уу',
    invalid_date: 'Зөв огноо, цаг оруулна уу',
    phone_or_email: 'Утасны дугаар эсвэл имэйл хаяг оруулна уу',
    reason_required: 'Шалтгаанаа сонгоно уу',
    comment_required: 'Шалтгаанаа тайлбарт бичнэ үү',
    invalid: 'Энэ утга буруу байна',
  },
  uz: {
    required: 'Bu maydon majburiy',
    invalid_type: 'Qiymat turi noto‘g‘ri',
    too_short: 'Kamida {n} ta belgi bo‘lishi kerak',
    too_long: 'Ko‘pi bilan {n} ta belgi bo‘lishi kerak',
    too_small: 'Kamida {n} bo‘lishi kerak',
    too_big: 'Ko‘pi bilan {n} bo‘lishi kerak',
    invalid_email: 'Elektron pochta manzilini kiriting, masalan name@example.com',
    invalid_phone: 'Telefon raqamini kodi bilan kiriting, masalan +998 90 123 45 67',
    invalid_url: 'http:// yoki https:// bilan boshlanadigan manzil kiriting',
    invalid_option: 'Taklif qilingan qiymatlardan birini tanlang',
    invalid_date: 'To‘g‘ri sana va vaqtni kiriting',
    phone_or_email: 'Telefon raqami yoki elektron pochtani kiriting',
    reason_required: 'Sababni tanlang',
    comment_required: 'Sababni izohda tushuntiring',
    invalid: 'Bu qiymat noto‘g‘ri',
  },
};

/** The localised message for a validation issue code, with `{n}` filled in. */
export function validationMessage(code: string, locale: string, n?: number | bigint): string {
  const table = VALIDATION_MESSAGES[resolveLocale(locale)];
  const text = table[code as ValidationMessageKey] ?? table.invalid;
  return n === undefined ? text : text.replace('{n}', String(n));
}
