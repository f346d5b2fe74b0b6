import { CrmError, ValidationError, resolveLocale, validationMessage, type Locale, type ValidationIssue } from '@crmkit/core';

/** An HTTP-level refusal (bad JSON, missing credentials, stale If-Match) with a stable `code`. */
export class HttpError extends Error {
  constructor(
    /** HTTP status. */
    readonly status: number,
    /** Stable machine-readable code. */
    readonly code: string,
    message: string,
    /** Field problems, when the refusal is about fields. */
    readonly issues: ValidationIssue[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS: Record<string, number> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  forbidden: 403,
  stage_transition: 409,
  operation_refused: 409,
  // The core's codes for a guard's refusal and for the next-step rule (`OperationRefusedError`, `NextStepRequiredError`).
  refused: 409,
  next_step_required: 409,
  plugin: 500,
  storage: 503,
};

/** A short sentence per error code, in every supported locale (the details follow in `message`). */
const TITLES: Record<string, Record<Locale, string>> = {
  validation: { en: 'Some fields are not valid', ru: 'Некоторые поля заполнены неверно', zh: '部分字段无效', mn: 'Зарим талбар буруу байна', uz: 'Ba’zi maydonlar noto‘g‘ri to‘ldirilgan' },
  not_found: { en: 'Not found', ru: 'Не найдено', zh: '未找到', mn: 'Олдсонгүй', uz: 'Topilmadi' },
  conflict: { en: 'Someone else changed this record meanwhile', ru: 'Запись тем временем изменил кто-то другой', zh: '该记录已被他人修改', mn: 'Энэ бичлэгийг өөр хүн өөрчилсөн байна', uz: 'Bu yozuvni boshqa kishi o‘zgartirgan' },
  precondition_failed: { en: 'Someone else changed this record meanwhile', ru: 'Запись тем временем изменил кто-то другой', zh: '该记录已被他人修改', mn: 'Энэ бичлэгийг өөр хүн өөрчилсөн байна', uz: 'Bu yozuvni boshqa kishi o‘zgartirgan' },
  forbidden: { en: 'You may not do this', ru: 'У вас нет на это прав', zh: '您无权执行此操作', mn: 'Танд үүнийг хийх эрх байхгүй', uz: 'Sizda bunga huquq yo‘q' },
  stage_transition: { en: 'The record cannot move to this stage', ru: 'Запись нельзя перевести на эту стадию', zh: '记录无法移至该阶段', mn: 'Бичлэгийг энэ үе шат руу шилжүүлэх боломжгүй', uz: 'Yozuvni bu bosqichga o‘tkazib bo‘lmaydi' },
  operation_refused: { en: 'The operation was refused', ru: 'Операция отклонена', zh: '操作被拒绝', mn: 'Үйлдлийг татгалзлаа', uz: 'Amal rad etildi' },
  refused: { en: 'The operation was refused', ru: 'Операция отклонена', zh: '操作被拒绝', mn: 'Үйлдлийг татгалзлаа', uz: 'Amal rad etildi' },
  next_step_required: { en: 'Plan the next step first', ru: 'Сначала запланируйте следующий шаг', zh: '请先安排下一步', mn: 'Эхлээд дараагийн алхмаа төлөвлөнө үү', uz: 'Avval keyingi qadamni rejalashtiring' },
  plugin: { en: 'A plugin failed', ru: 'Ошибка плагина', zh: '插件出错', mn: 'Plugin алдаа гаргалаа', uz: 'Plaginda xato yuz berdi' },
  storage: { en: 'The database is unavailable; try again shortly', ru: 'База данных недоступна, повторите чуть позже', zh: '数据库暂不可用，请稍后重试', mn: 'Мэдээллийн сан түр ажиллахгүй байна, дахин оролдоно уу', uz: 'Ma’lumotlar bazasi mavjud emas, birozdan so‘ng urinib ko‘ring' },
  unauthorized: { en: 'Sign in first', ru: 'Сначала войдите', zh: '请先登录', mn: 'Эхлээд нэвтэрнэ үү', uz: 'Avval tizimga kiring' },
  bad_request: { en: 'The request is malformed', ru: 'Неверный запрос', zh: '请求格式错误', mn: 'Хүсэлт буруу байна', uz: 'So‘rov noto‘g‘ri' },
  internal: { en: 'Something went wrong on the server', ru: 'Ошибка на сервере', zh: '服务器出错', mn: 'Сервер дээр алдаа гарлаа', uz: 'Serverda xatolik yuz berdi' },
};

/** The locale a request asks for (first supported language of `Accept-Language`), else `fallback`. */
export function requestLocale(acceptLanguage: string | undefined | null, fallback: string): Locale {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim();
    if (tag && tag !== '*' && resolveLocale(tag) === tag.toLowerCase().split(/[-_]/)[0]) return resolveLocale(tag);
  }
  return resolveLocale(fallback);
}

/** The JSON body and status for any thrown value; unexpected errors never leak their details. */
export function errorResponse(error: unknown, locale: Locale, crmLocale: string): { status: number; body: { error: Record<string, unknown> } } {
  const code = error instanceof HttpError || error instanceof CrmError ? error.code : 'internal';
  const status = error instanceof HttpError ? error.status : (STATUS[code] ?? 500);
  const issues = error instanceof ValidationError ? error.issues : error instanceof HttpError ? error.issues : [];
  const sameLocale = resolveLocale(crmLocale) === locale;
  const body: Record<string, unknown> = {
    code,
    title: (TITLES[code] ?? TITLES['internal']!)[locale],
    message: code === 'internal' ? TITLES['internal']![locale] : (error as Error).message,
  };
  if (issues.length) {
    body['issues'] = issues.map((issue) => ({
      path: issue.path,
      code: issue.code,
      // Core wrote the message in the CRM's locale; re-word plain ones in the caller's.
      message: sameLocale || /\d/.test(issue.message) || issue.message.includes(':') ? issue.message : validationMessage(issue.code, locale),
    }));
  }
  for (const key of ['plugin', 'hook', 'from', 'to', 'expectedVersion', 'actualVersion', 'entity', 'id'] as const) {
    const value = (error as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number') body[key] = value;
  }
  return { status, body: { error: body } };
}
