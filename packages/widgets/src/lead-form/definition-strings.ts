import type { Locale } from '@crmkit/core/i18n';

// What a form with a broken definition says, in the five languages. The site
// owner reads it in the form area (and the exact path and cause in the
// console and the `crm-lead-error` event); a visitor learns the form is not
// available. Loaded with the definition code only.

/** Strings of the definition error, per locale. */
export interface DefinitionStrings {
  /** The heading: the form cannot be shown. */
  broken: string;
  /** The definition is not valid JSON. */
  malformed: string;
  /** The definition URL answered with an HTTP error. */
  status: (status: number) => string;
  /** The definition URL could not be reached (offline, or its server sends no CORS headers) and nothing is cached. */
  unreachable: string;
  /** The `definition` attribute is neither JSON nor an http(s) URL. */
  badSource: string;
  /** Issue codes the schema raises that core's validation messages do not cover. */
  unknownField: string;
  duplicateField: string;
  needsContactField: string;
}

/** The definition error's strings in en, ru, zh, mn and uz. */
export const DEFINITION_STRINGS: Readonly<Record<Locale, DefinitionStrings>> = {
  en: {
    broken: 'This form cannot be shown: its definition has a problem. Please contact us another way.',
    malformed: 'The definition is not valid JSON',
    status: (s) => `The definition could not be loaded (HTTP ${s})`,
    unreachable: 'The definition could not be loaded: the network is unavailable or its server does not allow this site (CORS)',
    badSource: 'The definition must be JSON or an http(s) address',
    unknownField: 'Unknown property',
    duplicateField: 'This field is listed twice',
    needsContactField: 'The form needs a phone or an email field',
  },
  ru: {
    broken: 'Эту форму нельзя показать: в её описании ошибка. Пожалуйста, свяжитесь с нами другим способом.',
    malformed: 'Описание формы — некорректный JSON',
    status: (s) => `Не удалось загрузить описание формы (HTTP ${s})`,
    unreachable: 'Не удалось загрузить описание формы: нет сети или его сервер не разрешает этот сайт (CORS)',
    badSource: 'Описание формы должно быть JSON или адресом http(s)',
    unknownField: 'Неизвестное свойство',
    duplicateField: 'Это поле указано дважды',
    needsContactField: 'В форме нужно поле телефона или электронной почты',
  },
  zh: {
    broken: '无法显示此表单：表单定义有误。请通过其他方式联系我们。',
    malformed: '表单定义不是有效的 JSON',
    status: (s) => `无法加载表单定义（HTTP ${s}）`,
    unreachable: '无法加载表单定义：网络不可用，或其服务器不允许本网站访问（CORS）',
    badSource: '表单定义必须是 JSON 或 http(s) 地址',
    unknownField: '未知属性',
    duplicateField: '此字段重复出现',
    needsContactField: '表单需要电话或电子邮件字段',
  },
  mn: {
    broken: 'Энэ маягтыг харуулах боломжгүй: түүний тодорхойлолтод алдаа байна. Бидэнтэй өөр аргаар холбогдоно уу.',
    malformed: 'Маягтын тодорхойлолт зөв JSON биш байна',
    status: (s) => `Маягтын тодорхойлолтыг ачаалж чадсангүй (HTTP ${s})`,
    unreachable: 'Маягтын тодорхойлолтыг ачаалж чадсангүй: сүлжээ алга, эсвэл түүний сервер энэ сайтыг зөвшөөрөөгүй (CORS)',
    badSource: 'Маягтын тодорхойлолт JSON эсвэл http(s) хаяг байх ёстой',
    unknownField: 'Үл мэдэгдэх шинж чанар',
    duplicateField: 'Энэ талбар хоёр удаа орсон байна',
    needsContactField: 'Маягтад утас эсвэл имэйлийн талбар хэрэгтэй',
  },
  uz: {
    broken: 'Bu shaklni ko‘rsatib bo‘lmaydi: uning tavsifida xato bor. Iltimos, biz bilan boshqa yo‘l orqali bog‘laning.',
    malformed: 'Shakl tavsifi yaroqli JSON emas',
    status: (s) => `Shakl tavsifini yuklab bo‘lmadi (HTTP ${s})`,
    unreachable: 'Shakl tavsifini yuklab bo‘lmadi: internet yo‘q yoki uning serveri bu saytga ruxsat bermaydi (CORS)',
    badSource: 'Shakl tavsifi JSON yoki http(s) manzil bo‘lishi kerak',
    unknownField: 'Noma’lum xususiyat',
    duplicateField: 'Bu maydon ikki marta ko‘rsatilgan',
    needsContactField: 'Shaklda telefon yoki elektron pochta maydoni bo‘lishi kerak',
  },
};
