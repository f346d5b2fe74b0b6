import type { LocalizedText } from '@crmkit/core';
import type { ReportField, ReportFieldRef, ReportFieldType } from './report-type.js';

/** A label in the product's five languages. */
function l(en: string, ru: string, zh: string, mn: string, uz: string): LocalizedText {
  return { en, ru, zh, mn, uz };
}

function f(type: ReportFieldType, label: LocalizedText, currencyField?: string): ReportField {
  return currencyField ? { type, label, currencyField } : { type, label };
}

/** A string field whose values are ids of `ref`. */
function id(ref: ReportFieldRef, label: LocalizedText): ReportField {
  return { type: 'string', label, ref };
}

/** Fields shared by leads and deals. */
const FUNNEL_FIELDS = {
  id: f('string', l('ID', 'ID', 'ID', 'ID', 'ID')),
  pipelineId: id('pipeline', l('Pipeline', 'Воронка', '漏斗', 'Борлуулалтын шугам', 'Voronka')),
  stageId: id('stage', l('Stage', 'Стадия', '阶段', 'Үе шат', 'Bosqich')),
  status: f('string', l('Status', 'Статус', '状态', 'Төлөв', 'Holat')),
  ownerId: id('user', l('Owner', 'Ответственный', '负责人', 'Хариуцагч', 'Mas’ul')),
  createdAt: f('date', l('Created', 'Создано', '创建时间', 'Үүсгэсэн', 'Yaratilgan')),
  closedAt: f('date', l('Closed', 'Закрыто', '关闭时间', 'Хаасан', 'Yopilgan')),
} as const;

/** Fields of the `deals` report type. */
export const DEAL_FIELDS: Readonly<Record<string, ReportField>> = {
  ...FUNNEL_FIELDS,
  title: f('string', l('Deal', 'Сделка', '交易', 'Хэлцэл', 'Bitim')),
  amount: f('money', l('Amount', 'Сумма', '金额', 'Дүн', 'Summa'), 'currency'),
  currency: f('string', l('Currency', 'Валюта', '货币', 'Валют', 'Valyuta')),
  expectedCloseDate: f('date', l('Expected close', 'Плановое закрытие', '预计成交日期', 'Хаах төлөвлөсөн огноо', 'Kutilgan yopilish')),
  lostReason: id('reason', l('Loss reason', 'Причина проигрыша', '丢单原因', 'Алдсан шалтгаан', 'Yo‘qotish sababi')),
  companyId: id('company', l('Company', 'Компания', '公司', 'Компани', 'Kompaniya')),
  leadId: f('string', l('From lead', 'Из лида', '来源线索', 'Боломжит харилцагчаас', 'Liddan')),
  cycleDays: f('number', l('Days to close', 'Дней до закрытия', '成交天数', 'Хаах хүртэлх өдөр', 'Yopilguncha kunlar')),
};

/** Fields of the `leads` report type. */
export const LEAD_FIELDS: Readonly<Record<string, ReportField>> = {
  ...FUNNEL_FIELDS,
  name: f('string', l('Name', 'Имя', '姓名', 'Нэр', 'Ism')),
  companyName: f('string', l('Company name', 'Название компании', '公司名称', 'Компанийн нэр', 'Kompaniya nomi')),
  source: f('string', l('Source', 'Источник', '来源', 'Эх сурвалж', 'Manba')),
  channel: f('string', l('Channel', 'Канал', '渠道', 'Суваг', 'Kanal')),
  medium: f('string', l('UTM medium', 'UTM medium', 'UTM 媒介', 'UTM medium', 'UTM medium')),
  campaign: f('string', l('Campaign', 'Кампания', '活动', 'Кампанит ажил', 'Kampaniya')),
  closeReason: id('reason', l('Junk reason', 'Причина брака', '无效原因', 'Хүчингүй болсон шалтгаан', 'Yaroqsizlik sababi')),
  converted: f('boolean', l('Converted', 'Конвертирован', '已转化', 'Хөрвүүлсэн', 'Konvertatsiya qilingan')),
  dealId: f('string', l('Deal', 'Сделка', '交易', 'Хэлцэл', 'Bitim')),
};

/** Fields of the `activities` report type. */
export const ACTIVITY_FIELDS: Readonly<Record<string, ReportField>> = {
  id: f('string', l('ID', 'ID', 'ID', 'ID', 'ID')),
  type: f('string', l('Type', 'Тип', '类型', 'Төрөл', 'Turi')),
  title: f('string', l('Next step', 'Следующий шаг', '下一步', 'Дараагийн алхам', 'Keyingi qadam')),
  recordType: f('string', l('Record type', 'Тип записи', '记录类型', 'Бичлэгийн төрөл', 'Yozuv turi')),
  recordId: f('string', l('Record', 'Запись', '记录', 'Бичлэг', 'Yozuv')),
  assigneeId: id('user', l('Assignee', 'Исполнитель', '执行人', 'Гүйцэтгэгч', 'Ijrochi')),
  ownerId: id('user', l('Owner', 'Ответственный', '负责人', 'Хариуцагч', 'Mas’ul')),
  state: f('string', l('State', 'Состояние', '状态', 'Төлөв', 'Holati')),
  dueAt: f('date', l('Due', 'Срок', '截止时间', 'Дуусах хугацаа', 'Muddat')),
  doneAt: f('date', l('Done', 'Выполнено', '完成时间', 'Гүйцэтгэсэн', 'Bajarilgan')),
  createdAt: f('date', l('Created', 'Создано', '创建时间', 'Үүсгэсэн', 'Yaratilgan')),
  overdue: f('boolean', l('Overdue', 'Просрочено', '已逾期', 'Хугацаа хэтэрсэн', 'Muddati o‘tgan')),
};

/** Fields of the `stage-changes` report type. */
export const STAGE_CHANGE_FIELDS: Readonly<Record<string, ReportField>> = {
  id: f('string', l('ID', 'ID', 'ID', 'ID', 'ID')),
  recordType: f('string', l('Record type', 'Тип записи', '记录类型', 'Бичлэгийн төрөл', 'Yozuv turi')),
  recordId: f('string', l('Record', 'Запись', '记录', 'Бичлэг', 'Yozuv')),
  pipelineId: id('pipeline', l('Pipeline', 'Воронка', '漏斗', 'Борлуулалтын шугам', 'Voronka')),
  fromStageId: id('stage', l('From stage', 'Из стадии', '原阶段', 'Өмнөх үе шат', 'Qaysi bosqichdan')),
  toStageId: id('stage', l('To stage', 'В стадию', '新阶段', 'Шинэ үе шат', 'Qaysi bosqichga')),
  at: f('date', l('Moved at', 'Время перехода', '变更时间', 'Шилжсэн хугацаа', 'O‘tgan vaqti')),
  by: id('user', l('Moved by', 'Кто перевёл', '操作人', 'Шилжүүлсэн', 'Kim o‘tkazdi')),
  ownerId: id('user', l('Owner', 'Ответственный', '负责人', 'Хариуцагч', 'Mas’ul')),
};

/** `contact.*` fields joined into deals. */
export const CONTACT_JOIN_FIELDS: Readonly<Record<string, ReportField>> = {
  'contact.id': f('string', l('Contact ID', 'ID контакта', '联系人 ID', 'Харилцагчийн ID', 'Kontakt ID')),
  'contact.name': f('string', l('Contact', 'Контакт', '联系人', 'Харилцагч', 'Kontakt')),
  'contact.phone': f('string', l('Contact phone', 'Телефон контакта', '联系人电话', 'Харилцагчийн утас', 'Kontakt telefoni')),
  'contact.email': f('string', l('Contact email', 'E-mail контакта', '联系人邮箱', 'Харилцагчийн имэйл', 'Kontakt e-pochtasi')),
  'contact.position': f('string', l('Position', 'Должность', '职位', 'Албан тушаал', 'Lavozim')),
  'contact.city': f('string', l('Contact city', 'Город контакта', '联系人城市', 'Харилцагчийн хот', 'Kontakt shahri')),
};

/** `company.*` fields joined into deals. */
export const COMPANY_JOIN_FIELDS: Readonly<Record<string, ReportField>> = {
  'company.id': f('string', l('Company ID', 'ID компании', '公司 ID', 'Компанийн ID', 'Kompaniya ID')),
  'company.name': f('string', l('Company', 'Компания', '公司', 'Компани', 'Kompaniya')),
  'company.city': f('string', l('Company city', 'Город компании', '公司城市', 'Компанийн хот', 'Kompaniya shahri')),
  'company.website': f('string', l('Website', 'Сайт', '网站', 'Вэбсайт', 'Veb-sayt')),
};
