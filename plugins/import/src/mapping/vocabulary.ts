// Column titles seen in other CRMs' exports and in hand-made sheets, in en, ru,
// zh, mn and uz, by the target they mean. Matching is on normalised text
// (lower case, ё → е, punctuation and export prefixes removed).

/** A first name when a last-name column is present, the whole name otherwise. @internal */
export const FIRST_NAME_OR_NAME = 'name.first?';

/** Normalised title → target. @internal */
export const VOCABULARY: Readonly<Record<string, readonly string[]>> = {
  id: ['crmkit id'],
  name: [
    'name', 'full name', 'contact name', 'contact', 'person', 'client', 'customer', 'person name',
    'полное имя', 'фио', 'ф и о', 'контакт', 'клиент', 'имя клиента', 'контактное лицо', 'имя фамилия',
    '姓名', '名字', '联系人', '客户', '客户名称', '联系人姓名',
    'бүтэн нэр', 'овог нэр', 'харилцагч', 'үйлчлүүлэгч', 'нэр',
    'f i sh', 'fish', 'to liq ism', 'mijoz', 'kontakt', 'ф и ш', 'мижоз',
  ],
  [FIRST_NAME_OR_NAME]: ['first name', 'firstname', 'given name', 'имя', 'ism', 'исм', '名'],
  'name.last': ['last name', 'lastname', 'surname', 'family name', 'фамилия', '姓', '姓氏', 'овог', 'familiya', 'фамилия исм'],
  'name.middle': ['middle name', 'отчество', '中间名', 'эцгийн нэр', 'otasining ismi', 'sharif', 'шариф', 'отасининг исми'],
  phone: [
    'phone', 'phone number', 'mobile', 'mobile phone', 'mobile phone number', 'work phone', 'home phone', 'other phone', 'telephone', 'tel', 'cell',
    'телефон', 'рабочий телефон', 'мобильный телефон', 'мобильный', 'домашний телефон', 'другой телефон', 'номер телефона', 'контактный телефон', 'тел',
    '电话', '手机', '手机号', '手机号码', '联系电话', '电话号码', '座机',
    'утас', 'утасны дугаар', 'гар утас',
    'telefon', 'telefon raqami', 'mobil telefon', 'ish telefoni', 'телефон рақами',
  ],
  email: [
    'email', 'e mail', 'email address', 'work email', 'personal email', 'other email', 'mail',
    'почта', 'электронная почта', 'рабочий e mail', 'частный e mail', 'другой e mail', 'рабочий email', 'личный email', 'e mail адрес', 'эл почта', 'емейл',
    '邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址',
    'и мэйл', 'имэйл', 'цахим шуудан', 'и мейл',
    'elektron pochta', 'e pochta', 'pochta', 'электрон почта',
  ],
  position: ['position', 'job title', 'title', 'role', 'должность', '职位', '职务', 'албан тушаал', 'lavozim', 'лавозим'],
  city: ['city', 'town', 'город', '城市', 'хот', 'shahar', 'шаҳар'],
  website: ['website', 'website url', 'web site', 'site', 'url', 'сайт', 'корпоративный сайт', 'веб сайт', '网站', '网址', 'вэбсайт', 'вэб сайт', 'veb sayt', 'sayt'],
  address: ['address', 'street address', 'адрес', 'юридический адрес', '地址', 'хаяг', 'manzil', 'манзил'],
  note: ['note', 'notes', 'comment', 'comments', 'description', 'комментарий', 'примечание', 'заметка', 'описание', '备注', '说明', '描述', 'тэмдэглэл', 'тайлбар', 'izoh', 'изоҳ', 'эслатма'],
  message: ['message', 'request', 'сообщение', 'запрос', 'обращение текст', '留言', '消息', 'мессеж', 'зурвас', 'xabar', 'хабар'],
  company: [
    'company', 'company name', 'organization', 'organisation', 'organization name', 'associated company', 'account', 'account name',
    'компания', 'название компании', 'организация', 'контрагент',
    '公司', '公司名称', '单位', '企业', '企业名称',
    'компани', 'байгууллага', 'компанийн нэр',
    'kompaniya', 'tashkilot', 'компания номи', 'ташкилот',
  ],
  tags: ['tags', 'tag', 'labels', 'теги', 'тег', 'метки', '标签', 'шошго', 'teglar', 'teg', 'теглар'],
  owner: [
    'owner', 'contact owner', 'deal owner', 'lead owner', 'responsible', 'responsible user', 'assigned to', 'manager',
    'ответственный', 'менеджер', '负责人', '销售', 'хариуцагч', 'менежер', "mas'ul", 'masul', 'масъул',
  ],
  source: ['source', 'lead source', 'channel', 'источник', 'канал', '来源', 'эх сурвалж', 'manba', 'манба'],
  title: ['deal name', 'deal title', 'title', 'lead title', 'название сделки', 'сделка', 'название', 'название лида', '交易名称', '商机名称', '标题', 'гэрээний нэр', 'хэлцлийн нэр', 'bitim nomi', 'битим номи'],
  amount: ['amount', 'value', 'deal value', 'budget', 'sum', 'сумма', 'бюджет', 'сумма сделки', '金额', '预算', 'дүн', 'төсөв', 'summa', 'byudjet', 'сумма битим'],
  currency: ['currency', 'валюта', '货币', '币种', 'валют', 'valyuta'],
  pipeline: ['pipeline', 'funnel', 'sales pipeline', 'воронка', 'направление', '漏斗', '销售漏斗', '管道', 'юүлүүр', 'воронк', 'voronka'],
  stage: ['stage', 'deal stage', 'lead status', 'status', 'стадия', 'стадия сделки', 'этап', 'статус', '阶段', '状态', 'үе шат', 'төлөв', 'bosqich', 'holat', 'босқич'],
  closeDate: [
    'close date', 'expected close date', 'closing date', 'предполагаемая дата закрытия', 'дата закрытия', '预计成交日期', '成交日期', 'хаах огноо', 'yopilish sanasi',
  ],
  contact: ['contact person', 'contact', 'associated contact', 'контакт', 'контактное лицо', '联系人', 'холбоо барих хүн', 'kontakt'],
};

/** Prefixes some exports put before every title (Pipedrive's `Person - `, HubSpot's objects). @internal */
export const EXPORT_PREFIXES: readonly string[] = ['person', 'organization', 'organisation', 'deal', 'lead', 'contact', 'company', 'персона', 'контакт', 'компания', 'сделка', 'лид'];

/** Lower case, ё → е, separators to spaces, one space. @internal */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[()[\]{}:*"“”«»#№.,_/\\-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
