import type { Locale } from '@crmkit/core/i18n';
import { registerTranslationDefaults } from '../i18n/translation-registry.js';
import type { LeadFormResultStrings } from './strings.js';

// What the lead form says after a submit, in its five languages. These load
// with the submit code (one module: a module is the unit a bundler splits),
// so the initial module carries only what the first render shows.

/** What the lead form says after a submit, per locale (part of namespace `leadForm`). */
export const LEAD_FORM_RESULT_STRINGS: Readonly<Record<Locale, LeadFormResultStrings>> = {
  en: {
    summaryTitle: 'Please correct the following:',
    consentRequired: 'Tick the box to give your consent',
    success: 'Thank you! We have received your request and will contact you soon.',
    queued: 'You seem to be offline. Your request is saved on this device and will be sent automatically when the connection is back.',
    retrying: 'The server is not answering. Your request is saved on this device and we keep trying to send it.',
    refused: 'Your request was not accepted. Please check what you entered and try again.',
    refusedClosed: 'This form cannot take requests right now. Please contact us another way.',
    failedStorage: 'Your request could not be saved on this device. Please try again.',
    sendAnother: 'Send another request',
  },
  ru: {
    summaryTitle: 'Исправьте, пожалуйста:',
    consentRequired: 'Отметьте галочку, чтобы дать согласие',
    success: 'Спасибо! Мы получили вашу заявку и скоро свяжемся с вами.',
    queued: 'Похоже, нет соединения. Заявка сохранена на этом устройстве и будет отправлена автоматически, когда связь появится.',
    retrying: 'Сервер не отвечает. Заявка сохранена на этом устройстве, мы продолжаем попытки отправить её.',
    refused: 'Заявку не приняли. Проверьте, пожалуйста, введённые данные и попробуйте ещё раз.',
    refusedClosed: 'Сейчас эта форма не принимает заявки. Пожалуйста, свяжитесь с нами другим способом.',
    failedStorage: 'Не удалось сохранить заявку на этом устройстве. Попробуйте ещё раз.',
    sendAnother: 'Отправить ещё одну заявку',
  },
  zh: {
    summaryTitle: '请更正以下内容：',
    consentRequired: '请勾选此框以表示同意',
    success: '谢谢！我们已收到您的请求，会尽快与您联系。',
    queued: '您似乎已离线。您的请求已保存在此设备上，网络恢复后将自动发送。',
    retrying: '服务器没有响应。您的请求已保存在此设备上，我们会继续尝试发送。',
    refused: '您的请求未被接受。请检查填写的内容后重试。',
    refusedClosed: '此表单暂时无法接收请求，请通过其他方式联系我们。',
    failedStorage: '无法在此设备上保存您的请求，请重试。',
    sendAnother: '再提交一个请求',
  },
  mn: {
    summaryTitle: 'Дараахыг засна уу:',
    consentRequired: 'Зөвшөөрлөө өгөхийн тулд чагтална уу',
    success: 'Баярлалаа! Таны хүсэлтийг хүлээн авлаа, удахгүй холбогдоно.',
    queued: 'Сүлжээ тасарсан бололтой. Хүсэлт энэ төхөөрөмжид хадгалагдсан бөгөөд холболт сэргэхэд автоматаар илгээгдэнэ.',
    retrying: 'Сервер хариу өгөхгүй байна. Хүсэлт энэ төхөөрөмжид хадгалагдсан, бид илгээхийг оролдсоор байна.',
    refused: 'Таны хүсэлтийг хүлээж аваагүй. Оруулсан мэдээллээ шалгаад дахин оролдоно уу.',
    refusedClosed: 'Энэ маягт одоогоор хүсэлт хүлээн авахгүй байна. Бидэнтэй өөр аргаар холбогдоно уу.',
    failedStorage: 'Хүсэлтийг энэ төхөөрөмжид хадгалж чадсангүй. Дахин оролдоно уу.',
    sendAnother: 'Дахин хүсэлт илгээх',
  },
  uz: {
    summaryTitle: 'Iltimos, quyidagilarni tuzating:',
    consentRequired: 'Rozilik berish uchun belgilang',
    success: 'Rahmat! So‘rovingizni qabul qildik va tez orada siz bilan bog‘lanamiz.',
    queued: 'Internet aloqasi yo‘qqa o‘xshaydi. So‘rovingiz shu qurilmada saqlandi va aloqa tiklanganda avtomatik yuboriladi.',
    retrying: 'Server javob bermayapti. So‘rovingiz shu qurilmada saqlandi, biz uni yuborishga urinishda davom etamiz.',
    refused: 'So‘rovingiz qabul qilinmadi. Kiritilgan ma’lumotlarni tekshirib, qaytadan urinib ko‘ring.',
    refusedClosed: 'Bu shakl hozir so‘rov qabul qilmayapti. Iltimos, biz bilan boshqa yo‘l orqali bog‘laning.',
    failedStorage: 'So‘rovni shu qurilmada saqlab bo‘lmadi. Qaytadan urinib ko‘ring.',
    sendAnother: 'Yana so‘rov yuborish',
  },
};

let registered = false;

/**
 * Adds the after-submit strings to namespace `leadForm` (from the submit
 * chunk). Keys a site has already registered win: they are defaults. Idempotent.
 */
export function registerLeadFormResultStrings(): void {
  if (registered) return;
  registered = true;
  for (const [tag, leadForm] of Object.entries(LEAD_FORM_RESULT_STRINGS)) registerTranslationDefaults(tag, { leadForm });
}
