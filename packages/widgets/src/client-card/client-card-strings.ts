import type { ActivityType, Locale, RecordType } from '@crmkit/core';
import { strings, type StringTables } from '../shared/widget-locale.js';
import type { FieldKey } from './fields.js';
import type { QuickDue } from './next-step-times.js';

type Funnel = 'lead' | 'deal';
type Outcome = 'won' | 'lost';

/** Every visible string of the client card, for one locale. @internal */
export interface ClientCardStrings {
  cardLabel: string;
  loading: string;
  invalidRecord: string;
  notFound: string;
  forbidden: string;
  loadFailed: string;
  retry: string;
  recordTypes: Record<RecordType, string>;
  owner: string;
  whatToDoHere: string;
  statusLabel: (status: 'open' | Outcome) => string;
  untitledLead: string;
  system: string;
  plugin: (name: string) => string;
  // details
  details: string;
  fields: Record<FieldKey, string>;
  otherFields: Record<string, string>;
  notSet: string;
  yes: string;
  no: string;
  edit: string;
  save: string;
  cancel: string;
  saved: (label: string) => string;
  listHint: string;
  conflict: string;
  reload: string;
  reloaded: string;
  theirValue: (value: string) => string;
  // errors
  conflictShort: string;
  forbiddenAction: string;
  refused: (reason: string) => string;
  storageFailed: string;
  unexpected: string;
  // next step
  nextStep: string;
  noNextStep: string;
  noNextStepHint: (type: Funnel) => string;
  nothingScheduled: string;
  closedStatus: (type: Funnel, outcome: Outcome) => string;
  overdue: string;
  assignee: (name: string) => string;
  complete: string;
  activityTypes: Record<ActivityType, string>;
  setNextStep: string;
  addStep: string;
  stepType: string;
  stepTitle: string;
  when: string;
  quick: Record<QuickDue, string>;
  pickDateTime: string;
  dateTime: string;
  schedule: string;
  chooseWhen: string;
  chooseDateTime: string;
  timeInPast: string;
  scheduled: (title: string, when: string) => string;
  completingTitle: (title: string) => string;
  whatHappened: string;
  resultRequired: string;
  whatNext: string;
  followNext: string;
  followNone: string;
  followNoneOtherPending: string;
  chooseFollowUp: string;
  followUpRequired: (type: Funnel) => string;
  finishComplete: string;
  completed: string;
  completedWithNext: (when: string) => string;
  closeRecord: (type: Funnel) => string;
  confirmClose: (type: Funnel) => string;
  outcome: string;
  outcomeLabel: (type: Funnel, outcome: Outcome) => string;
  chooseOutcome: string;
  reason: string;
  chooseReasonOption: string;
  chooseReason: string;
  comment: string;
  commentRequiredLabel: string;
  commentRequired: string;
  closedAnnouncement: (type: Funnel, outcome: Outcome) => string;
  closeFailedAfterComplete: (why: string) => string;
  // related
  related: string;
  company: string;
  noCompany: string;
  contactPersons: string;
  contacts: string;
  noContacts: string;
  linkedContact: string;
  noLinkedContact: string;
  deals: string;
  noDeals: string;
  leads: string;
  noLeads: string;
  sourceLead: string;
  convertedDeal: string;
  // timeline
  timeline: string;
  note: string;
  addNote: string;
  noteRequired: string;
  noteAdded: string;
  noHistory: string;
  resultLine: (result: string) => string;
  history: {
    created: (type: RecordType) => string;
    changed: string;
    stage: (from: string, to: string) => string;
    scheduled: string;
    done: string;
    doneAutomatically: string;
    reassigned: (from: string, to: string) => string;
    note: string;
    messageIn: (channel: string) => string;
    messageOut: (channel: string) => string;
    converted: string;
    closed: (type: Funnel, outcome: Outcome) => string;
    removed: string;
    fromLead: string;
  };
}

const en: ClientCardStrings = {
  cardLabel: 'Client card',
  loading: 'Loading…',
  invalidRecord: 'No record chosen. Set the record attribute to contact:ID, company:ID, lead:ID or deal:ID.',
  notFound: 'This record does not exist (it may have been deleted).',
  forbidden: 'You do not have access to this record.',
  loadFailed: 'The record could not be loaded.',
  retry: 'Try again',
  recordTypes: { contact: 'Contact', company: 'Company', lead: 'Lead', deal: 'Deal' },
  owner: 'Responsible',
  whatToDoHere: 'What to do at this stage',
  statusLabel: (s) => ({ open: 'Open', won: 'Won', lost: 'Lost' })[s],
  untitledLead: 'Lead without a name',
  system: 'System',
  plugin: (name) => `Plugin “${name}”`,
  details: 'Details',
  fields: {
    name: 'Name',
    title: 'Title',
    phones: 'Phones',
    emails: 'Emails',
    phone: 'Phone',
    email: 'Email',
    position: 'Position',
    companyName: 'Company name',
    city: 'City',
    address: 'Address',
    website: 'Website',
    amount: 'Amount',
    currency: 'Currency',
    expectedCloseDate: 'Expected close date',
    message: 'Message',
    note: 'Note',
  },
  otherFields: { ownerId: 'Responsible', companyId: 'Company', contactIds: 'Contacts', tags: 'Tags', source: 'Source', contactId: 'Contact' },
  notSet: 'not set',
  yes: 'Yes',
  no: 'No',
  edit: 'Edit',
  save: 'Save',
  cancel: 'Cancel',
  saved: (label) => `${label} saved`,
  listHint: 'Separate several values with commas.',
  conflict: 'Someone else changed this record while you were editing. Your text is kept: reload to see their version, then save again.',
  reload: 'Reload',
  reloaded: 'Reloaded. Your text is kept; save again to apply it.',
  theirValue: (v) => `Saved meanwhile: ${v}`,
  conflictShort: 'Someone else changed this record meanwhile. Look at the current state and try again.',
  forbiddenAction: 'You are not allowed to do this with this record.',
  refused: (reason) => `Refused: ${reason}`,
  storageFailed: 'The data could not be saved on this device (storage is full or unavailable).',
  unexpected: 'Something went wrong. Please try again.',
  nextStep: 'Next step',
  noNextStep: 'No next step!',
  noNextStepHint: (type) => (type === 'deal' ? 'Schedule one or close the deal.' : 'Schedule one or close the lead.'),
  nothingScheduled: 'Nothing scheduled.',
  closedStatus: (type, o) => (type === 'deal' ? (o === 'won' ? 'Deal won' : 'Deal lost') : o === 'won' ? 'Lead converted' : 'Lead closed as junk'),
  overdue: 'Overdue',
  assignee: (name) => `Assigned to ${name}`,
  complete: 'Done…',
  activityTypes: { call: 'Call', meeting: 'Meeting', email: 'Email', task: 'Task' },
  setNextStep: 'Set the next step',
  addStep: 'Add another step',
  stepType: 'Type',
  stepTitle: 'What to do',
  when: 'When',
  quick: { hour: 'In an hour', tomorrow: 'Tomorrow', 'three-days': 'In 3 days', 'next-week': 'Next week' },
  pickDateTime: 'Pick a date and time',
  dateTime: 'Date and time',
  schedule: 'Schedule',
  chooseWhen: 'Choose when.',
  chooseDateTime: 'Enter a date and time.',
  timeInPast: 'This time has already passed; choose a later one.',
  scheduled: (title, when) => `Next step “${title}” scheduled for ${when}`,
  completingTitle: (title) => `Complete “${title}”`,
  whatHappened: 'What happened?',
  resultRequired: 'Write down what happened.',
  whatNext: 'What next?',
  followNext: 'Schedule the next step',
  followNone: 'Nothing more for now',
  followNoneOtherPending: 'Keep the other scheduled step',
  chooseFollowUp: 'Choose what comes next.',
  followUpRequired: (type) => (type === 'deal' ? 'An open deal needs a next step — or close it with an outcome.' : 'An open lead needs a next step — or close it with an outcome.'),
  finishComplete: 'Complete',
  completed: 'Step completed',
  completedWithNext: (when) => `Step completed; the next one is due ${when}`,
  closeRecord: (type) => (type === 'deal' ? 'Close the deal' : 'Close the lead'),
  confirmClose: (type) => (type === 'deal' ? 'Close the deal' : 'Close the lead'),
  outcome: 'Outcome',
  outcomeLabel: (type, o) => (type === 'deal' ? (o === 'won' ? 'Won' : 'Lost') : o === 'won' ? 'Convert into a deal' : 'Junk'),
  chooseOutcome: 'Choose the outcome.',
  reason: 'Reason',
  chooseReasonOption: 'Choose a reason…',
  chooseReason: 'Choose a reason.',
  comment: 'Comment',
  commentRequiredLabel: 'Comment (required)',
  commentRequired: 'Explain the reason in a comment.',
  closedAnnouncement: (type, o) => (type === 'deal' ? (o === 'won' ? 'Deal won' : 'Deal closed as lost') : o === 'won' ? 'Lead converted into a deal' : 'Lead closed as junk'),
  closeFailedAfterComplete: (why) => `The step is completed, but closing failed: ${why} Schedule a next step or close again.`,
  related: 'Related',
  company: 'Company',
  noCompany: 'No company.',
  contactPersons: 'Contact persons',
  contacts: 'Contacts',
  noContacts: 'No contacts yet.',
  linkedContact: 'Contact',
  noLinkedContact: 'Not linked to a contact.',
  deals: 'Deals',
  noDeals: 'No deals yet.',
  leads: 'Leads',
  noLeads: 'No leads.',
  sourceLead: 'Came from the lead',
  convertedDeal: 'Became the deal',
  timeline: 'History',
  note: 'Note',
  addNote: 'Add note',
  noteRequired: 'Write the note first.',
  noteAdded: 'Note added',
  noHistory: 'No history yet.',
  resultLine: (r) => `Result: ${r}`,
  history: {
    created: (type) => `${en.recordTypes[type]} created`,
    changed: 'Changed',
    stage: (from, to) => `Stage: ${from} → ${to}`,
    scheduled: 'Next step scheduled',
    done: 'Step completed',
    doneAutomatically: 'Step completed automatically',
    reassigned: (from, to) => `Next step handed over: ${from} → ${to}`,
    note: 'Note',
    messageIn: (ch) => `Message received${ch ? ` (${ch})` : ''}`,
    messageOut: (ch) => `Message sent${ch ? ` (${ch})` : ''}`,
    converted: 'Converted into a deal',
    closed: (type, o) => (type === 'deal' ? (o === 'won' ? 'Deal won' : 'Deal lost') : o === 'won' ? 'Lead converted' : 'Lead closed as junk'),
    removed: 'Removed',
    fromLead: '(from the lead)',
  },
};

const ru: ClientCardStrings = {
  cardLabel: 'Карточка клиента',
  loading: 'Загрузка…',
  invalidRecord: 'Запись не выбрана. Укажите в атрибуте record значение contact:ID, company:ID, lead:ID или deal:ID.',
  notFound: 'Такой записи нет (возможно, её удалили).',
  forbidden: 'У вас нет доступа к этой записи.',
  loadFailed: 'Не удалось загрузить запись.',
  retry: 'Повторить',
  recordTypes: { contact: 'Контакт', company: 'Компания', lead: 'Лид', deal: 'Сделка' },
  owner: 'Ответственный',
  whatToDoHere: 'Что делать на этой стадии',
  statusLabel: (s) => ({ open: 'В работе', won: 'Успешно', lost: 'Проиграна' })[s],
  untitledLead: 'Лид без имени',
  system: 'Система',
  plugin: (name) => `Плагин «${name}»`,
  details: 'Данные',
  fields: {
    name: 'Имя',
    title: 'Название',
    phones: 'Телефоны',
    emails: 'Эл. почта',
    phone: 'Телефон',
    email: 'Эл. почта',
    position: 'Должность',
    companyName: 'Название компании',
    city: 'Город',
    address: 'Адрес',
    website: 'Сайт',
    amount: 'Сумма',
    currency: 'Валюта',
    expectedCloseDate: 'Ожидаемая дата закрытия',
    message: 'Сообщение',
    note: 'Примечание',
  },
  otherFields: { ownerId: 'Ответственный', companyId: 'Компания', contactIds: 'Контакты', tags: 'Теги', source: 'Источник', contactId: 'Контакт' },
  notSet: 'не указано',
  yes: 'Да',
  no: 'Нет',
  edit: 'Изменить',
  save: 'Сохранить',
  cancel: 'Отмена',
  saved: (label) => `${label}: сохранено`,
  listHint: 'Несколько значений разделяйте запятыми.',
  conflict: 'Пока вы редактировали, запись изменил кто-то другой. Ваш текст сохранён: обновите, чтобы увидеть их изменения, и сохраните ещё раз.',
  reload: 'Обновить',
  reloaded: 'Обновлено. Ваш текст сохранён; сохраните ещё раз, чтобы применить его.',
  theirValue: (v) => `Сохранено другим пользователем: ${v}`,
  conflictShort: 'Запись тем временем изменил кто-то другой. Проверьте текущее состояние и повторите.',
  forbiddenAction: 'Вам нельзя делать это с этой записью.',
  refused: (reason) => `Отказано: ${reason}`,
  storageFailed: 'Не удалось сохранить данные на этом устройстве (хранилище заполнено или недоступно).',
  unexpected: 'Что-то пошло не так. Попробуйте ещё раз.',
  nextStep: 'Следующий шаг',
  noNextStep: 'Нет следующего шага!',
  noNextStepHint: (type) => (type === 'deal' ? 'Назначьте его или закройте сделку.' : 'Назначьте его или закройте лид.'),
  nothingScheduled: 'Ничего не запланировано.',
  closedStatus: (type, o) => (type === 'deal' ? (o === 'won' ? 'Сделка выиграна' : 'Сделка проиграна') : o === 'won' ? 'Лид конвертирован' : 'Лид закрыт как некачественный'),
  overdue: 'Просрочен',
  assignee: (name) => `Исполнитель: ${name}`,
  complete: 'Выполнено…',
  activityTypes: { call: 'Звонок', meeting: 'Встреча', email: 'Письмо', task: 'Задача' },
  setNextStep: 'Назначить следующий шаг',
  addStep: 'Добавить ещё шаг',
  stepType: 'Тип',
  stepTitle: 'Что сделать',
  when: 'Когда',
  quick: { hour: 'Через час', tomorrow: 'Завтра', 'three-days': 'Через 3 дня', 'next-week': 'На след. неделе' },
  pickDateTime: 'Выбрать дату и время',
  dateTime: 'Дата и время',
  schedule: 'Назначить',
  chooseWhen: 'Выберите, когда.',
  chooseDateTime: 'Укажите дату и время.',
  timeInPast: 'Это время уже прошло; выберите более позднее.',
  scheduled: (title, when) => `Следующий шаг «${title}» назначен на ${when}`,
  completingTitle: (title) => `Завершение: «${title}»`,
  whatHappened: 'Чем закончилось?',
  resultRequired: 'Запишите, чем закончилось.',
  whatNext: 'Что дальше?',
  followNext: 'Назначить следующий шаг',
  followNone: 'Пока ничего',
  followNoneOtherPending: 'Оставить другой запланированный шаг',
  chooseFollowUp: 'Выберите, что дальше.',
  followUpRequired: (type) => (type === 'deal' ? 'У открытой сделки должен быть следующий шаг — или закройте её с результатом.' : 'У открытого лида должен быть следующий шаг — или закройте его с результатом.'),
  finishComplete: 'Завершить',
  completed: 'Шаг выполнен',
  completedWithNext: (when) => `Шаг выполнен; следующий — ${when}`,
  closeRecord: (type) => (type === 'deal' ? 'Закрыть сделку' : 'Закрыть лид'),
  confirmClose: (type) => (type === 'deal' ? 'Закрыть сделку' : 'Закрыть лид'),
  outcome: 'Результат',
  outcomeLabel: (type, o) => (type === 'deal' ? (o === 'won' ? 'Выиграна' : 'Проиграна') : o === 'won' ? 'Конвертировать в сделку' : 'Некачественный'),
  chooseOutcome: 'Выберите результат.',
  reason: 'Причина',
  chooseReasonOption: 'Выберите причину…',
  chooseReason: 'Выберите причину.',
  comment: 'Комментарий',
  commentRequiredLabel: 'Комментарий (обязательно)',
  commentRequired: 'Поясните причину в комментарии.',
  closedAnnouncement: (type, o) => (type === 'deal' ? (o === 'won' ? 'Сделка выиграна' : 'Сделка закрыта как проигранная') : o === 'won' ? 'Лид конвертирован в сделку' : 'Лид закрыт как некачественный'),
  closeFailedAfterComplete: (why) => `Шаг выполнен, но закрыть не удалось: ${why} Назначьте следующий шаг или закройте ещё раз.`,
  related: 'Связанное',
  company: 'Компания',
  noCompany: 'Без компании.',
  contactPersons: 'Контактные лица',
  contacts: 'Контакты',
  noContacts: 'Контактов пока нет.',
  linkedContact: 'Контакт',
  noLinkedContact: 'Не связан с контактом.',
  deals: 'Сделки',
  noDeals: 'Сделок пока нет.',
  leads: 'Лиды',
  noLeads: 'Лидов нет.',
  sourceLead: 'Пришла из лида',
  convertedDeal: 'Стал сделкой',
  timeline: 'История',
  note: 'Заметка',
  addNote: 'Добавить заметку',
  noteRequired: 'Сначала напишите заметку.',
  noteAdded: 'Заметка добавлена',
  noHistory: 'Истории пока нет.',
  resultLine: (r) => `Итог: ${r}`,
  history: {
    created: (type) => ({ contact: 'Контакт создан', company: 'Компания создана', lead: 'Лид создан', deal: 'Сделка создана' })[type],
    changed: 'Изменено',
    stage: (from, to) => `Стадия: ${from} → ${to}`,
    scheduled: 'Назначен следующий шаг',
    done: 'Шаг выполнен',
    doneAutomatically: 'Шаг выполнен автоматически',
    reassigned: (from, to) => `Шаг передан: ${from} → ${to}`,
    note: 'Заметка',
    messageIn: (ch) => `Входящее сообщение${ch ? ` (${ch})` : ''}`,
    messageOut: (ch) => `Исходящее сообщение${ch ? ` (${ch})` : ''}`,
    converted: 'Конвертирован в сделку',
    closed: (type, o) => (type === 'deal' ? (o === 'won' ? 'Сделка выиграна' : 'Сделка проиграна') : o === 'won' ? 'Лид конвертирован' : 'Лид закрыт как некачественный'),
    removed: 'Удалено',
    fromLead: '(из лида)',
  },
};

const zh: ClientCardStrings = {
  cardLabel: '客户卡片',
  loading: '加载中…',
  invalidRecord: '未选择记录。请将 record 属性设为 contact:ID、company:ID、lead:ID 或 deal:ID。',
  notFound: '该记录不存在（可能已被删除）。',
  forbidden: '您无权访问此记录。',
  loadFailed: '无法加载该记录。',
  retry: '重试',
  recordTypes: { contact: '联系人', company: '公司', lead: '线索', deal: '交易' },
  owner: '负责人',
  whatToDoHere: '此阶段需要做什么',
  statusLabel: (s) => ({ open: '进行中', won: '成交', lost: '丢单' })[s],
  untitledLead: '未命名线索',
  system: '系统',
  plugin: (name) => `插件“${name}”`,
  details: '详细信息',
  fields: {
    name: '姓名',
    title: '名称',
    phones: '电话',
    emails: '电子邮箱',
    phone: '电话',
    email: '电子邮箱',
    position: '职务',
    companyName: '公司名称',
    city: '城市',
    address: '地址',
    website: '网站',
    amount: '金额',
    currency: '货币',
    expectedCloseDate: '预计成交日期',
    message: '留言',
    note: '备注',
  },
  otherFields: { ownerId: '负责人', companyId: '公司', contactIds: '联系人', tags: '标签', source: '来源', contactId: '联系人' },
  notSet: '未填写',
  yes: '是',
  no: '否',
  edit: '编辑',
  save: '保存',
  cancel: '取消',
  saved: (label) => `${label}已保存`,
  listHint: '多个值请用逗号分隔。',
  conflict: '在您编辑期间，其他人修改了此记录。您输入的内容已保留：请重新加载查看对方的修改，然后再次保存。',
  reload: '重新加载',
  reloaded: '已重新加载。您输入的内容已保留；再次保存即可生效。',
  theirValue: (v) => `期间已保存的值：${v}`,
  conflictShort: '此记录已被其他人修改。请查看当前状态后重试。',
  forbiddenAction: '您无权对此记录执行此操作。',
  refused: (reason) => `被拒绝：${reason}`,
  storageFailed: '无法在此设备上保存数据（存储空间已满或不可用）。',
  unexpected: '出错了，请重试。',
  nextStep: '下一步',
  noNextStep: '没有下一步！',
  noNextStepHint: (type) => (type === 'deal' ? '请安排下一步，或关闭该交易。' : '请安排下一步，或关闭该线索。'),
  nothingScheduled: '暂无安排。',
  closedStatus: (type, o) => (type === 'deal' ? (o === 'won' ? '交易已成交' : '交易已丢单') : o === 'won' ? '线索已转化' : '线索已作为无效线索关闭'),
  overdue: '已逾期',
  assignee: (name) => `执行人：${name}`,
  complete: '完成…',
  activityTypes: { call: '电话', meeting: '会面', email: '邮件', task: '任务' },
  setNextStep: '安排下一步',
  addStep: '再添加一步',
  stepType: '类型',
  stepTitle: '要做什么',
  when: '时间',
  quick: { hour: '一小时后', tomorrow: '明天', 'three-days': '三天后', 'next-week': '下周' },
  pickDateTime: '选择日期和时间',
  dateTime: '日期和时间',
  schedule: '安排',
  chooseWhen: '请选择时间。',
  chooseDateTime: '请输入日期和时间。',
  timeInPast: '该时间已过去，请选择更晚的时间。',
  scheduled: (title, when) => `下一步“${title}”已安排在 ${when}`,
  completingTitle: (title) => `完成“${title}”`,
  whatHappened: '结果如何？',
  resultRequired: '请写下结果。',
  whatNext: '接下来做什么？',
  followNext: '安排下一步',
  followNone: '暂时不需要',
  followNoneOtherPending: '保留另一个已安排的步骤',
  chooseFollowUp: '请选择接下来做什么。',
  followUpRequired: (type) => (type === 'deal' ? '进行中的交易必须有下一步，或以结果关闭。' : '进行中的线索必须有下一步，或以结果关闭。'),
  finishComplete: '完成',
  completed: '步骤已完成',
  completedWithNext: (when) => `步骤已完成；下一步时间：${when}`,
  closeRecord: (type) => (type === 'deal' ? '关闭交易' : '关闭线索'),
  confirmClose: (type) => (type === 'deal' ? '关闭交易' : '关闭线索'),
  outcome: '结果',
  outcomeLabel: (type, o) => (type === 'deal' ? (o === 'won' ? '成交' : '丢单') : o === 'won' ? '转化为交易' : '无效线索'),
  chooseOutcome: '请选择结果。',
  reason: '原因',
  chooseReasonOption: '选择原因…',
  chooseReason: '请选择原因。',
  comment: '备注',
  commentRequiredLabel: '备注（必填）',
  commentRequired: '请在备注中说明原因。',
  closedAnnouncement: (type, o) => (type === 'deal' ? (o === 'won' ? '交易已成交' : '交易已作为丢单关闭') : o === 'won' ? '线索已转化为交易' : '线索已作为无效线索关闭'),
  closeFailedAfterComplete: (why) => `步骤已完成，但关闭失败：${why} 请安排下一步或再次关闭。`,
  related: '相关记录',
  company: '公司',
  noCompany: '无公司。',
  contactPersons: '联系人',
  contacts: '联系人',
  noContacts: '暂无联系人。',
  linkedContact: '联系人',
  noLinkedContact: '未关联联系人。',
  deals: '交易',
  noDeals: '暂无交易。',
  leads: '线索',
  noLeads: '无线索。',
  sourceLead: '来源线索',
  convertedDeal: '转化成的交易',
  timeline: '历史记录',
  note: '备注',
  addNote: '添加备注',
  noteRequired: '请先填写备注内容。',
  noteAdded: '备注已添加',
  noHistory: '暂无历史记录。',
  resultLine: (r) => `结果：${r}`,
  history: {
    created: (type) => `已创建${zh.recordTypes[type]}`,
    changed: '已修改',
    stage: (from, to) => `阶段：${from} → ${to}`,
    scheduled: '已安排下一步',
    done: '步骤已完成',
    doneAutomatically: '步骤已自动完成',
    reassigned: (from, to) => `下一步已转交：${from} → ${to}`,
    note: '备注',
    messageIn: (ch) => `收到消息${ch ? `（${ch}）` : ''}`,
    messageOut: (ch) => `已发送消息${ch ? `（${ch}）` : ''}`,
    converted: '已转化为交易',
    closed: (type, o) => (type === 'deal' ? (o === 'won' ? '交易已成交' : '交易已丢单') : o === 'won' ? '线索已转化' : '线索已作为无效线索关闭'),
    removed: '已删除',
    fromLead: '（来自线索）',
  },
};

const mn: ClientCardStrings = {
  cardLabel: 'Харилцагчийн карт',
  loading: 'Ачаалж байна…',
  invalidRecord: 'Бичлэг сонгоогүй байна. record атрибутад contact:ID, company:ID, lead:ID эсвэл deal:ID гэж бичнэ үү.',
  notFound: 'Ийм бичлэг алга (устгагдсан байж магадгүй).',
  forbidden: 'Танд энэ бичлэгийг үзэх эрх байхгүй.',
  loadFailed: 'Бичлэгийг ачаалж чадсангүй.',
  retry: 'Дахин оролдох',
  recordTypes: { contact: 'Харилцагч', company: 'Компани', lead: 'Боломжит харилцагч', deal: 'Хэлцэл' },
  owner: 'Хариуцагч',
  whatToDoHere: 'Энэ үе шатанд юу хийх вэ',
  statusLabel: (s) => ({ open: 'Идэвхтэй', won: 'Амжилттай', lost: 'Алдсан' })[s],
  untitledLead: 'Нэргүй боломжит харилцагч',
  system: 'Систем',
  plugin: (name) => `«${name}» залгаас`,
  details: 'Мэдээлэл',
  fields: {
    name: 'Нэр',
    title: 'Гарчиг',
    phones: 'Утаснууд',
    emails: 'Имэйлүүд',
    phone: 'Утас',
    email: 'Имэйл',
    position: 'Албан тушаал',
    companyName: 'Компанийн нэр',
    city: 'Хот',
    address: 'Хаяг',
    website: 'Вэбсайт',
    amount: 'Дүн',
    currency: 'Валют',
    expectedCloseDate: 'Хаагдах төлөвлөсөн огноо',
    message: 'Зурвас',
    note: 'Тэмдэглэл',
  },
  otherFields: { ownerId: 'Хариуцагч', companyId: 'Компани', contactIds: 'Харилцагчид', tags: 'Шошго', source: 'Эх сурвалж', contactId: 'Харилцагч' },
  notSet: 'бөглөөгүй',
  yes: 'Тийм',
  no: 'Үгүй',
  edit: 'Засах',
  save: 'Хадгалах',
  cancel: 'Болих',
  saved: (label) => `${label} хадгалагдлаа`,
  listHint: 'Хэд хэдэн утгыг таслалаар тусгаарлана уу.',
  conflict: 'Таныг засварлаж байх хооронд өөр хүн энэ бичлэгийг өөрчилсөн. Таны бичсэн текст хадгалагдсан: тэдний хувилбарыг харахын тулд дахин ачаалаад, дахин хадгална уу.',
  reload: 'Дахин ачаалах',
  reloaded: 'Дахин ачааллаа. Таны текст хадгалагдсан; хэрэгжүүлэхийн тулд дахин хадгална уу.',
  theirValue: (v) => `Энэ хооронд хадгалсан утга: ${v}`,
  conflictShort: 'Энэ хооронд өөр хүн бичлэгийг өөрчилсөн. Одоогийн төлөвийг шалгаад дахин оролдоно уу.',
  forbiddenAction: 'Танд энэ бичлэг дээр ийм үйлдэл хийх эрх байхгүй.',
  refused: (reason) => `Татгалзсан: ${reason}`,
  storageFailed: 'Өгөгдлийг энэ төхөөрөмжид хадгалж чадсангүй (санах ой дүүрсэн эсвэл ашиглах боломжгүй).',
  unexpected: 'Алдаа гарлаа. Дахин оролдоно уу.',
  nextStep: 'Дараагийн алхам',
  noNextStep: 'Дараагийн алхам алга!',
  noNextStepHint: (type) => (type === 'deal' ? 'Алхам товлох эсвэл хэлцлийг хаана уу.' : 'Алхам товлох эсвэл боломжит харилцагчийг хаана уу.'),
  nothingScheduled: 'Товлосон зүйл алга.',
  closedStatus: (type, o) =>
    type === 'deal' ? (o === 'won' ? 'Хэлцэл амжилттай' : 'Хэлцэл алдагдсан') : o === 'won' ? 'Боломжит харилцагчийг хөрвүүлсэн' : 'Хүчингүй гэж хаасан',
  overdue: 'Хугацаа хэтэрсэн',
  assignee: (name) => `Гүйцэтгэгч: ${name}`,
  complete: 'Гүйцэтгэсэн…',
  activityTypes: { call: 'Дуудлага', meeting: 'Уулзалт', email: 'Имэйл', task: 'Даалгавар' },
  setNextStep: 'Дараагийн алхмыг товлох',
  addStep: 'Өөр алхам нэмэх',
  stepType: 'Төрөл',
  stepTitle: 'Юу хийх',
  when: 'Хэзээ',
  quick: { hour: 'Нэг цагийн дараа', tomorrow: 'Маргааш', 'three-days': '3 хоногийн дараа', 'next-week': 'Ирэх долоо хоногт' },
  pickDateTime: 'Огноо, цаг сонгох',
  dateTime: 'Огноо ба цаг',
  schedule: 'Товлох',
  chooseWhen: 'Хэзээг сонгоно уу.',
  chooseDateTime: 'Огноо, цагаа оруулна уу.',
  timeInPast: 'Энэ цаг өнгөрсөн байна; хожуу цаг сонгоно уу.',
  scheduled: (title, when) => `Дараагийн алхам «${title}»-г ${when}-д товлолоо`,
  completingTitle: (title) => `«${title}»-г дуусгах`,
  whatHappened: 'Юу болсон бэ?',
  resultRequired: 'Юу болсныг бичнэ үү.',
  whatNext: 'Дараа нь юу хийх вэ?',
  followNext: 'Дараагийн алхмыг товлох',
  followNone: 'Одоохондоо юу ч үгүй',
  followNoneOtherPending: 'Товлосон нөгөө алхмыг үлдээх',
  chooseFollowUp: 'Дараа нь юу хийхээ сонгоно уу.',
  followUpRequired: (type) =>
    type === 'deal' ? 'Нээлттэй хэлцэлд дараагийн алхам заавал байна — эсвэл үр дүнгээр нь хаана уу.' : 'Нээлттэй боломжит харилцагчид дараагийн алхам заавал байна — эсвэл үр дүнгээр нь хаана уу.',
  finishComplete: 'Дуусгах',
  completed: 'Алхам гүйцэтгэгдлээ',
  completedWithNext: (when) => `Алхам гүйцэтгэгдлээ; дараагийнх нь ${when}`,
  closeRecord: (type) => (type === 'deal' ? 'Хэлцлийг хаах' : 'Боломжит харилцагчийг хаах'),
  confirmClose: (type) => (type === 'deal' ? 'Хэлцлийг хаах' : 'Боломжит харилцагчийг хаах'),
  outcome: 'Үр дүн',
  outcomeLabel: (type, o) => (type === 'deal' ? (o === 'won' ? 'Амжилттай' : 'Алдсан') : o === 'won' ? 'Хэлцэл болгох' : 'Хүчингүй'),
  chooseOutcome: 'Үр дүнг сонгоно уу.',
  reason: 'Шалтгаан',
  chooseReasonOption: 'Шалтгаан сонгох…',
  chooseReason: 'Шалтгаанаа сонгоно уу.',
  comment: 'Тайлбар',
  commentRequiredLabel: 'Тайлбар (заавал)',
  commentRequired: 'Шалтгаанаа тайлбарт бичнэ үү.',
  closedAnnouncement: (type, o) =>
    type === 'deal' ? (o === 'won' ? 'Хэлцэл амжилттай' : 'Хэлцлийг алдсан гэж хаалаа') : o === 'won' ? 'Хэлцэл болгож хөрвүүллээ' : 'Хүчингүй гэж хаалаа',
  closeFailedAfterComplete: (why) => `Алхам гүйцэтгэгдсэн ч хааж чадсангүй: ${why} Дараагийн алхам товлох эсвэл дахин хаана уу.`,
  related: 'Холбоотой',
  company: 'Компани',
  noCompany: 'Компанигүй.',
  contactPersons: 'Холбоо барих хүмүүс',
  contacts: 'Харилцагчид',
  noContacts: 'Харилцагч алга.',
  linkedContact: 'Харилцагч',
  noLinkedContact: 'Харилцагчтай холбогдоогүй.',
  deals: 'Хэлцлүүд',
  noDeals: 'Хэлцэл алга.',
  leads: 'Боломжит харилцагчид',
  noLeads: 'Боломжит харилцагч алга.',
  sourceLead: 'Эх боломжит харилцагч',
  convertedDeal: 'Болсон хэлцэл',
  timeline: 'Түүх',
  note: 'Тэмдэглэл',
  addNote: 'Тэмдэглэл нэмэх',
  noteRequired: 'Эхлээд тэмдэглэлээ бичнэ үү.',
  noteAdded: 'Тэмдэглэл нэмэгдлээ',
  noHistory: 'Түүх алга.',
  resultLine: (r) => `Үр дүн: ${r}`,
  history: {
    created: (type) => `${mn.recordTypes[type]} үүсгэсэн`,
    changed: 'Өөрчилсөн',
    stage: (from, to) => `Үе шат: ${from} → ${to}`,
    scheduled: 'Дараагийн алхам товлосон',
    done: 'Алхам гүйцэтгэсэн',
    doneAutomatically: 'Алхам автоматаар гүйцэтгэгдсэн',
    reassigned: (from, to) => `Дараагийн алхмыг шилжүүлсэн: ${from} → ${to}`,
    note: 'Тэмдэглэл',
    messageIn: (ch) => `Ирсэн зурвас${ch ? ` (${ch})` : ''}`,
    messageOut: (ch) => `Илгээсэн зурвас${ch ? ` (${ch})` : ''}`,
    converted: 'Хэлцэл болгож хөрвүүлсэн',
    closed: (type, o) => (type === 'deal' ? (o === 'won' ? 'Хэлцэл амжилттай' : 'Хэлцэл алдагдсан') : o === 'won' ? 'Хөрвүүлсэн' : 'Хүчингүй гэж хаасан'),
    removed: 'Устгасан',
    fromLead: '(боломжит харилцагчаас)',
  },
};

const uz: ClientCardStrings = {
  cardLabel: 'Mijoz kartasi',
  loading: 'Yuklanmoqda…',
  invalidRecord: 'Yozuv tanlanmagan. record atributiga contact:ID, company:ID, lead:ID yoki deal:ID yozing.',
  notFound: 'Bunday yozuv yo‘q (o‘chirilgan bo‘lishi mumkin).',
  forbidden: 'Bu yozuvga kirish huquqingiz yo‘q.',
  loadFailed: 'Yozuvni yuklab bo‘lmadi.',
  retry: 'Qayta urinish',
  recordTypes: { contact: 'Kontakt', company: 'Kompaniya', lead: 'Lid', deal: 'Bitim' },
  owner: 'Mas’ul',
  whatToDoHere: 'Bu bosqichda nima qilish kerak',
  statusLabel: (s) => ({ open: 'Jarayonda', won: 'Muvaffaqiyatli', lost: 'Yo‘qotilgan' })[s],
  untitledLead: 'Nomsiz lid',
  system: 'Tizim',
  plugin: (name) => `“${name}” plagini`,
  details: 'Ma’lumotlar',
  fields: {
    name: 'Ism',
    title: 'Nomi',
    phones: 'Telefonlar',
    emails: 'Elektron pochtalar',
    phone: 'Telefon',
    email: 'Elektron pochta',
    position: 'Lavozim',
    companyName: 'Kompaniya nomi',
    city: 'Shahar',
    address: 'Manzil',
    website: 'Veb-sayt',
    amount: 'Summa',
    currency: 'Valyuta',
    expectedCloseDate: 'Kutilayotgan yopilish sanasi',
    message: 'Xabar',
    note: 'Izoh',
  },
  otherFields: { ownerId: 'Mas’ul', companyId: 'Kompaniya', contactIds: 'Kontaktlar', tags: 'Teglar', source: 'Manba', contactId: 'Kontakt' },
  notSet: 'ko‘rsatilmagan',
  yes: 'Ha',
  no: 'Yo‘q',
  edit: 'Tahrirlash',
  save: 'Saqlash',
  cancel: 'Bekor qilish',
  saved: (label) => `${label} saqlandi`,
  listHint: 'Bir nechta qiymatni vergul bilan ajrating.',
  conflict: 'Siz tahrirlayotganingizda bu yozuvni boshqa kishi o‘zgartirdi. Matningiz saqlanib qoldi: ularning o‘zgarishlarini ko‘rish uchun yangilang va yana saqlang.',
  reload: 'Yangilash',
  reloaded: 'Yangilandi. Matningiz saqlanib qoldi; qo‘llash uchun yana saqlang.',
  theirValue: (v) => `Shu orada saqlangan qiymat: ${v}`,
  conflictShort: 'Shu orada yozuvni boshqa kishi o‘zgartirdi. Joriy holatni tekshirib, qayta urinib ko‘ring.',
  forbiddenAction: 'Bu yozuv bilan bunday amalni bajarishga ruxsatingiz yo‘q.',
  refused: (reason) => `Rad etildi: ${reason}`,
  storageFailed: 'Ma’lumotlarni bu qurilmada saqlab bo‘lmadi (xotira to‘la yoki mavjud emas).',
  unexpected: 'Nimadir xato ketdi. Qayta urinib ko‘ring.',
  nextStep: 'Keyingi qadam',
  noNextStep: 'Keyingi qadam yo‘q!',
  noNextStepHint: (type) => (type === 'deal' ? 'Uni belgilang yoki bitimni yoping.' : 'Uni belgilang yoki lidni yoping.'),
  nothingScheduled: 'Hech narsa rejalashtirilmagan.',
  closedStatus: (type, o) => (type === 'deal' ? (o === 'won' ? 'Bitim yutildi' : 'Bitim yo‘qotildi') : o === 'won' ? 'Lid konvertatsiya qilindi' : 'Lid yaroqsiz deb yopildi'),
  overdue: 'Muddati o‘tgan',
  assignee: (name) => `Ijrochi: ${name}`,
  complete: 'Bajarildi…',
  activityTypes: { call: 'Qo‘ng‘iroq', meeting: 'Uchrashuv', email: 'Xat', task: 'Vazifa' },
  setNextStep: 'Keyingi qadamni belgilash',
  addStep: 'Yana qadam qo‘shish',
  stepType: 'Turi',
  stepTitle: 'Nima qilish kerak',
  when: 'Qachon',
  quick: { hour: 'Bir soatdan keyin', tomorrow: 'Ertaga', 'three-days': '3 kundan keyin', 'next-week': 'Keyingi hafta' },
  pickDateTime: 'Sana va vaqtni tanlash',
  dateTime: 'Sana va vaqt',
  schedule: 'Belgilash',
  chooseWhen: 'Qachonligini tanlang.',
  chooseDateTime: 'Sana va vaqtni kiriting.',
  timeInPast: 'Bu vaqt o‘tib ketgan; keyinroq vaqtni tanlang.',
  scheduled: (title, when) => `Keyingi qadam “${title}” ${when} ga belgilandi`,
  completingTitle: (title) => `“${title}”ni yakunlash`,
  whatHappened: 'Natija qanday bo‘ldi?',
  resultRequired: 'Nima bo‘lganini yozing.',
  whatNext: 'Keyin nima?',
  followNext: 'Keyingi qadamni belgilash',
  followNone: 'Hozircha hech narsa',
  followNoneOtherPending: 'Boshqa rejalashtirilgan qadamni qoldirish',
  chooseFollowUp: 'Keyin nima bo‘lishini tanlang.',
  followUpRequired: (type) => (type === 'deal' ? 'Ochiq bitimda keyingi qadam bo‘lishi shart — yoki uni natija bilan yoping.' : 'Ochiq lidda keyingi qadam bo‘lishi shart — yoki uni natija bilan yoping.'),
  finishComplete: 'Yakunlash',
  completed: 'Qadam bajarildi',
  completedWithNext: (when) => `Qadam bajarildi; keyingisi — ${when}`,
  closeRecord: (type) => (type === 'deal' ? 'Bitimni yopish' : 'Lidni yopish'),
  confirmClose: (type) => (type === 'deal' ? 'Bitimni yopish' : 'Lidni yopish'),
  outcome: 'Natija',
  outcomeLabel: (type, o) => (type === 'deal' ? (o === 'won' ? 'Yutildi' : 'Yo‘qotildi') : o === 'won' ? 'Bitimga aylantirish' : 'Yaroqsiz'),
  chooseOutcome: 'Natijani tanlang.',
  reason: 'Sabab',
  chooseReasonOption: 'Sababni tanlang…',
  chooseReason: 'Sababni tanlang.',
  comment: 'Izoh',
  commentRequiredLabel: 'Izoh (majburiy)',
  commentRequired: 'Sababni izohda tushuntiring.',
  closedAnnouncement: (type, o) => (type === 'deal' ? (o === 'won' ? 'Bitim yutildi' : 'Bitim yo‘qotilgan deb yopildi') : o === 'won' ? 'Lid bitimga aylantirildi' : 'Lid yaroqsiz deb yopildi'),
  closeFailedAfterComplete: (why) => `Qadam bajarildi, lekin yopib bo‘lmadi: ${why} Keyingi qadamni belgilang yoki qayta yoping.`,
  related: 'Bog‘liq yozuvlar',
  company: 'Kompaniya',
  noCompany: 'Kompaniya yo‘q.',
  contactPersons: 'Aloqa uchun shaxslar',
  contacts: 'Kontaktlar',
  noContacts: 'Hozircha kontaktlar yo‘q.',
  linkedContact: 'Kontakt',
  noLinkedContact: 'Kontaktga bog‘lanmagan.',
  deals: 'Bitimlar',
  noDeals: 'Hozircha bitimlar yo‘q.',
  leads: 'Lidlar',
  noLeads: 'Lidlar yo‘q.',
  sourceLead: 'Qaysi liddan kelgan',
  convertedDeal: 'Aylangan bitim',
  timeline: 'Tarix',
  note: 'Eslatma',
  addNote: 'Eslatma qo‘shish',
  noteRequired: 'Avval eslatmani yozing.',
  noteAdded: 'Eslatma qo‘shildi',
  noHistory: 'Hozircha tarix yo‘q.',
  resultLine: (r) => `Natija: ${r}`,
  history: {
    created: (type) => `${uz.recordTypes[type]} yaratildi`,
    changed: 'O‘zgartirildi',
    stage: (from, to) => `Bosqich: ${from} → ${to}`,
    scheduled: 'Keyingi qadam belgilandi',
    done: 'Qadam bajarildi',
    doneAutomatically: 'Qadam avtomatik bajarildi',
    reassigned: (from, to) => `Keyingi qadam topshirildi: ${from} → ${to}`,
    note: 'Eslatma',
    messageIn: (ch) => `Kiruvchi xabar${ch ? ` (${ch})` : ''}`,
    messageOut: (ch) => `Chiquvchi xabar${ch ? ` (${ch})` : ''}`,
    converted: 'Bitimga aylantirildi',
    closed: (type, o) => (type === 'deal' ? (o === 'won' ? 'Bitim yutildi' : 'Bitim yo‘qotildi') : o === 'won' ? 'Lid konvertatsiya qilindi' : 'Lid yaroqsiz deb yopildi'),
    removed: 'O‘chirildi',
    fromLead: '(liddan)',
  },
};

/** The client card's strings in every supported locale. @internal */
export const CLIENT_CARD_STRINGS: StringTables<ClientCardStrings> = { en, ru, zh, mn, uz };

/** The client card's strings for a locale. @internal */
export const clientCardStrings: (locale: Locale) => ClientCardStrings = strings(CLIENT_CARD_STRINGS);
