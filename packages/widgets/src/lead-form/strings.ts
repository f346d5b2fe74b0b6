import type { Locale } from '@crmkit/core/i18n';

/** Every visible string of the lead form, per locale. */
export interface LeadFormStrings {
  name: string;
  phone: string;
  email: string;
  company: string;
  message: string;
  submit: string;
  sending: string;
  required: string;
  summaryTitle: string;
  consent: string;
  consentPolicy: string;
  consentRequired: string;
  honeypot: string;
  success: string;
  queued: string;
  retrying: string;
  refused: string;
  failedStorage: string;
  sendAnother: string;
  retry: string;
}

/** The lead form's strings in en, ru, zh, mn and uz. Field messages come from core's `VALIDATION_MESSAGES`. */
export const LEAD_FORM_STRINGS: Readonly<Record<Locale, LeadFormStrings>> = {
  en: {
    name: 'Your name',
    phone: 'Phone',
    email: 'Email',
    company: 'Company',
    message: 'Message',
    submit: 'Send',
    sending: 'Sending…',
    required: 'required',
    summaryTitle: 'Please correct the following:',
    consent: 'I agree to the processing of my personal data',
    consentPolicy: 'Privacy policy',
    consentRequired: 'Tick the box to give your consent',
    honeypot: 'Leave this field empty',
    success: 'Thank you! We have received your request and will contact you soon.',
    queued: 'You seem to be offline. Your request is saved on this device and will be sent automatically when the connection is back.',
    retrying: 'The server is not answering. Your request is saved on this device and we keep trying to send it.',
    refused: 'Your request could not be accepted',
    failedStorage: 'Your request could not be saved on this device. Please try again.',
    sendAnother: 'Send another request',
    retry: 'Try again',
  },
  ru: {
    name: 'Ваше имя',
    phone: 'Телефон',
    email: 'Электронная почта',
    company: 'Компания',
    message: 'Сообщение',
    submit: 'Отправить',
    sending: 'Отправляем…',
    required: 'обязательно',
    summaryTitle: 'Исправьте, пожалуйста:',
    consent: 'Я согласен на обработку персональных данных',
    consentPolicy: 'Политика конфиденциальности',
    consentRequired: 'Отметьте галочку, чтобы дать согласие',
    honeypot: 'Оставьте это поле пустым',
    success: 'Спасибо! Мы получили вашу заявку и скоро свяжемся с вами.',
    queued: 'Похоже, нет соединения. Заявка сохранена на этом устройстве и будет отправлена автоматически, когда связь появится.',
    retrying: 'Сервер не отвечает. Заявка сохранена на этом устройстве, мы продолжаем попытки отправить её.',
    refused: 'Заявку не удалось принять',
    failedStorage: 'Не удалось сохранить заявку на этом устройстве. Попробуйте ещё раз.',
    sendAnother: 'Отправить ещё одну заявку',
    retry: 'Попробовать снова',
  },
  zh: {
    name: '您的姓名',
    phone: '电话',
    email: '电子邮箱',
    company: '公司',
    message: '留言',
    submit: '提交',
    sending: '正在提交…',
    required: '必填',
    summaryTitle: '请更正以下内容：',
    consent: '我同意处理我的个人数据',
    consentPolicy: '隐私政策',
    consentRequired: '请勾选此框以表示同意',
    honeypot: '请勿填写此字段',
    success: '谢谢！我们已收到您的请求，会尽快与您联系。',
    queued: '您似乎已离线。您的请求已保存在此设备上，网络恢复后将自动发送。',
    retrying: '服务器没有响应。您的请求已保存在此设备上，我们会继续尝试发送。',
    refused: '您的请求未被接受',
    failedStorage: '无法在此设备上保存您的请求，请重试。',
    sendAnother: '再提交一个请求',
    retry: '重试',
  },
  mn: {
    name: 'Таны нэр',
    phone: 'Утас',
    email: 'Имэйл',
    company: 'Байгууллага',
    message: 'Зурвас',
    submit: 'Илгээх',
    sending: 'Илгээж байна…',
    required: 'заавал',
    summaryTitle: 'Дараахыг засна уу:',
    consent: 'Би хувийн мэдээллээ боловсруулахыг зөвшөөрч байна',
    consentPolicy: 'Нууцлалын бодлого',
    consentRequired: 'Зөвшөөрлөө өгөхийн тулд чагтална уу',
    honeypot: 'Энэ талбарыг хоосон үлдээнэ үү',
    success: 'Баярлалаа! Таны хүсэлтийг хүлээн авлаа, удахгүй холбогдоно.',
    queued: 'Сүлжээ тасарсан бололтой. Хүсэлт энэ төхөөрөмжид хадгалагдсан бөгөөд холболт сэргэхэд автоматаар илгээгдэнэ.',
    retrying: 'Сервер хариу өгөхгүй байна. Хүсэлт энэ төхөөрөмжид хадгалагдсан, бид илгээхийг оролдсоор байна.',
    refused: 'Хүсэлтийг хүлээн авах боломжгүй байна',
    failedStorage: 'Хүсэлтийг энэ төхөөрөмжид хадгалж чадсангүй. Дахин оролдоно уу.',
    sendAnother: 'Дахин хүсэлт илгээх',
    retry: 'Дахин оролдох',
  },
  uz: {
    name: 'Ismingiz',
    phone: 'Telefon',
    email: 'Elektron pochta',
    company: 'Kompaniya',
    message: 'Xabar',
    submit: 'Yuborish',
    sending: 'Yuborilmoqda…',
    required: 'majburiy',
    summaryTitle: 'Iltimos, quyidagilarni tuzating:',
    consent: 'Shaxsiy ma’lumotlarimni qayta ishlashga roziman',
    consentPolicy: 'Maxfiylik siyosati',
    consentRequired: 'Rozilik berish uchun belgilang',
    honeypot: 'Bu maydonni bo‘sh qoldiring',
    success: 'Rahmat! So‘rovingizni qabul qildik va tez orada siz bilan bog‘lanamiz.',
    queued: 'Internet aloqasi yo‘qqa o‘xshaydi. So‘rovingiz shu qurilmada saqlandi va aloqa tiklanganda avtomatik yuboriladi.',
    retrying: 'Server javob bermayapti. So‘rovingiz shu qurilmada saqlandi, biz uni yuborishga urinishda davom etamiz.',
    refused: 'So‘rovingizni qabul qilib bo‘lmadi',
    failedStorage: 'So‘rovni shu qurilmada saqlab bo‘lmadi. Qaytadan urinib ko‘ring.',
    sendAnother: 'Yana so‘rov yuborish',
    retry: 'Qayta urinish',
  },
};
