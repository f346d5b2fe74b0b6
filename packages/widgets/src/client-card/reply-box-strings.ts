/** The reply box's strings in one locale. @internal */
export interface ReplyBoxStrings {
  /** Channel display names by channel id. */
  channels: Record<string, string>;
  /** Section heading. */
  heading: string;
  /** Label of the text field: where the reply goes. */
  label: (channel: string, to: string) => string;
  /** Send button. */
  send: string;
  /** Empty reply. */
  required: string;
  /** Announced after sending. */
  sent: (channel: string) => string;
  /** Sending failed. */
  failed: (channel: string) => string;
  /** Direction words for the timeline. */
  incoming: string;
  outgoing: string;
  /** Call entries on the timeline. */
  call: (outcome: 'answered' | 'missed', duration?: string) => string;
  /** Link to a call recording. */
  recording: string;
  /** Subject line prefix. */
  subject: string;
}

const en: ReplyBoxStrings = {
  channels: { telegram: 'Telegram', email: 'email', phone: 'phone', whatsapp: 'WhatsApp' },
  heading: 'Reply',
  label: (ch, to) => `Reply by ${ch} to ${to}`,
  send: 'Send',
  required: 'Write the reply first',
  sent: (ch) => `Reply sent by ${ch}`,
  failed: (ch) => `The reply could not be sent by ${ch}. It is still in the box: try again.`,
  incoming: 'from the client',
  outgoing: 'to the client',
  call: (o, d) => (o === 'missed' ? 'Missed call' : `Call${d ? `, ${d}` : ''}`),
  recording: 'Recording',
  subject: 'Subject',
};

const ru: ReplyBoxStrings = {
  channels: { telegram: 'Telegram', email: 'почта', phone: 'телефон', whatsapp: 'WhatsApp' },
  heading: 'Ответ',
  label: (ch, to) => `Ответ через ${ch} для ${to}`,
  send: 'Отправить',
  required: 'Сначала напишите ответ',
  sent: (ch) => `Ответ отправлен: ${ch}`,
  failed: (ch) => `Не удалось отправить ответ (${ch}). Текст сохранён в поле — попробуйте ещё раз.`,
  incoming: 'от клиента',
  outgoing: 'клиенту',
  call: (o, d) => (o === 'missed' ? 'Пропущенный звонок' : `Звонок${d ? `, ${d}` : ''}`),
  recording: 'Запись',
  subject: 'Тема',
};

const zh: ReplyBoxStrings = {
  channels: { telegram: 'Telegram', email: '电子邮件', phone: '电话', whatsapp: 'WhatsApp' },
  heading: '回复',
  label: (ch, to) => `通过${ch}回复 ${to}`,
  send: '发送',
  required: '请先填写回复内容',
  sent: (ch) => `已通过${ch}发送回复`,
  failed: (ch) => `无法通过${ch}发送回复。内容仍保留在输入框中，请重试。`,
  incoming: '来自客户',
  outgoing: '发给客户',
  call: (o, d) => (o === 'missed' ? '未接来电' : `通话${d ? `，${d}` : ''}`),
  recording: '录音',
  subject: '主题',
};

const mn: ReplyBoxStrings = {
  channels: { telegram: 'Telegram', email: 'имэйл', phone: 'утас', whatsapp: 'WhatsApp' },
  heading: 'Хариу',
  label: (ch, to) => `${ch}-аар ${to} руу хариулах`,
  send: 'Илгээх',
  required: 'Эхлээд хариугаа бичнэ үү',
  sent: (ch) => `Хариуг ${ch}-аар илгээлээ`,
  failed: (ch) => `Хариуг ${ch}-аар илгээж чадсангүй. Бичвэр талбарт хадгалагдсан тул дахин оролдоно уу.`,
  incoming: 'харилцагчаас',
  outgoing: 'харилцагч руу',
  call: (o, d) => (o === 'missed' ? 'Аваагүй дуудлага' : `Дуудлага${d ? `, ${d}` : ''}`),
  recording: 'Бичлэг',
  subject: 'Гарчиг',
};

const uz: ReplyBoxStrings = {
  channels: { telegram: 'Telegram', email: 'elektron pochta', phone: 'telefon', whatsapp: 'WhatsApp' },
  heading: 'Javob',
  label: (ch, to) => `${to} ga ${ch} orqali javob`,
  send: 'Yuborish',
  required: 'Avval javobni yozing',
  sent: (ch) => `Javob ${ch} orqali yuborildi`,
  failed: (ch) => `Javobni ${ch} orqali yuborib boʻlmadi. Matn maydonda saqlangan — qayta urinib koʻring.`,
  incoming: 'mijozdan',
  outgoing: 'mijozga',
  call: (o, d) => (o === 'missed' ? 'Javobsiz qoʻngʻiroq' : `Qoʻngʻiroq${d ? `, ${d}` : ''}`),
  recording: 'Yozuv',
  subject: 'Mavzu',
};

const ALL: Record<string, ReplyBoxStrings> = { en, ru, zh, mn, uz };

/** The reply box's strings for `locale` (its base language; English otherwise). @internal */
export function replyBoxStrings(locale: string): ReplyBoxStrings {
  return ALL[locale.toLowerCase().split(/[-_]/)[0] as string] ?? en;
}

/** A channel's display name in `locale`. @internal */
export function channelName(channel: string, locale: string): string {
  return replyBoxStrings(locale).channels[channel] ?? channel;
}
