import type { Pipeline } from './schemas/pipeline.js';

/**
 * The lead funnel: a potential client before they are ready to buy. It ends
 * either converted (its one success state) or junk with a reason.
 */
export const LEADS_PIPELINE: Pipeline = {
  id: 'leads',
  entity: 'lead',
  name: { en: 'Leads', ru: 'Лиды', zh: '线索', mn: 'Боломжит харилцагч', uz: 'Lidlar' },
  stages: [
    {
      id: 'new',
      kind: 'open',

      probability: 0.05,
      name: { en: 'New', ru: 'Новый', zh: '新线索', mn: 'Шинэ', uz: 'Yangi' },
      description: {
        en: 'A request just arrived. Assign someone responsible within the hour.',
        ru: 'Заявка только что поступила. Назначьте ответственного в течение часа.',
        zh: '刚收到请求。请在一小时内指定负责人。',
        mn: 'Хүсэлт дөнгөж ирлээ. Нэг цагийн дотор хариуцагч томилно уу.',
        uz: 'So‘rov hozirgina keldi. Bir soat ichida mas’ul shaxsni tayinlang.',
      },
      limit: '1h',
    },
    {
      id: 'assigned',
      kind: 'open',

      probability: 0.1,
      name: { en: 'Responsible assigned', ru: 'Назначен ответственный', zh: '已分配负责人', mn: 'Хариуцагч томилсон', uz: 'Mas’ul tayinlandi' },
      description: {
        en: 'Call or write back the same day and schedule the next step.',
        ru: 'Перезвоните или напишите в тот же день и назначьте следующий шаг.',
        zh: '当天回电或回复，并安排下一步。',
        mn: 'Тухайн өдөртөө эргэж холбогдоод дараагийн алхмыг товло.',
        uz: 'Shu kuni qayta qo‘ng‘iroq qiling yoki yozing va keyingi qadamni belgilang.',
      },
      limit: '1d',
    },
    {
      id: 'qualifying',
      kind: 'open',

      probability: 0.2,
      name: { en: 'Collecting information', ru: 'Сбор информации', zh: '收集信息', mn: 'Мэдээлэл цуглуулах', uz: 'Ma’lumot to‘plash' },
      description: {
        en: 'Find out who the client is, what they do and what they asked about.',
        ru: 'Выясните, кто клиент, чем занимается и о чём спрашивал.',
        zh: '了解客户是谁、做什么业务、咨询了什么。',
        mn: 'Харилцагч хэн бэ, юу хийдэг, юу асуусныг тодруул.',
        uz: 'Mijoz kimligini, nima bilan shug‘ullanishini va nima so‘raganini aniqlang.',
      },
    },
    {
      id: 'decision-maker',
      kind: 'open',

      probability: 0.35,
      name: { en: 'Reached the decision maker', ru: 'Выход на ЛПР', zh: '已联系决策人', mn: 'Шийдвэр гаргагчтай холбогдсон', uz: 'Qaror qabul qiluvchiga chiqildi' },
      description: {
        en: 'Talk to the person who decides and pays; note their name and role.',
        ru: 'Поговорите с тем, кто принимает решение и платит; запишите имя и должность.',
        zh: '与做决定和付款的人沟通；记录其姓名和职务。',
        mn: 'Шийдвэр гаргаж, төлбөр төлөх хүнтэй ярь; нэр, албан тушаалыг тэмдэглэ.',
        uz: 'Qaror qiladigan va to‘laydigan shaxs bilan gaplashing; ismi va lavozimini yozing.',
      },
    },
    {
      id: 'needs',
      kind: 'open',

      probability: 0.5,
      name: { en: 'Needs identified', ru: 'Потребность выявлена', zh: '已明确需求', mn: 'Хэрэгцээг тодорхойлсон', uz: 'Ehtiyoj aniqlandi' },
      description: {
        en: 'Write down what, how much and by when the client needs it.',
        ru: 'Запишите, что, в каком объёме и к какому сроку нужно клиенту.',
        zh: '记录客户需要什么、需要多少、何时需要。',
        mn: 'Харилцагчид юу, хэр хэмжээгээр, хэзээ хэрэгтэйг бич.',
        uz: 'Mijozga nima, qancha va qachongacha kerakligini yozing.',
      },
    },
    {
      id: 'ready',
      kind: 'open',

      probability: 0.7,
      name: { en: 'Ready to convert', ru: 'Готов к конвертации', zh: '可转化', mn: 'Хөрвүүлэхэд бэлэн', uz: 'Konvertatsiyaga tayyor' },
      description: {
        en: 'The client wants an offer: convert the lead into a deal.',
        ru: 'Клиент ждёт предложения: конвертируйте лид в сделку.',
        zh: '客户在等报价：将线索转化为交易。',
        mn: 'Харилцагч санал хүлээж байна: боломжит харилцагчийг хэлцэл болго.',
        uz: 'Mijoz taklif kutmoqda: lidni bitimga aylantiring.',
      },
    },
    {
      id: 'converted',
      kind: 'won',

      probability: 1,
      name: { en: 'Converted', ru: 'Конвертирован', zh: '已转化', mn: 'Хөрвүүлсэн', uz: 'Konvertatsiya qilindi' },
      description: { en: 'The lead became a deal, a contact and a company.', ru: 'Лид стал сделкой, контактом и компанией.', zh: '线索已成为交易、联系人和公司。', mn: 'Хэлцэл, харилцагч, компани болсон.', uz: 'Lid bitim, kontakt va kompaniyaga aylandi.' },
    },
    {
      id: 'junk',
      kind: 'lost',

      probability: 0,
      name: { en: 'Junk', ru: 'Некачественный', zh: '无效线索', mn: 'Хүчингүй', uz: 'Yaroqsiz' },
      description: { en: 'Not a client for us; the reason is recorded.', ru: 'Не наш клиент; причина записана.', zh: '不是我们的客户；已记录原因。', mn: 'Манай харилцагч биш; шалтгааныг бүртгэсэн.', uz: 'Bizning mijoz emas; sababi yozilgan.' },
    },
  ],
  lossReasons: [
    { id: 'untargeted', name: { en: 'Untargeted request', ru: 'Нецелевой запрос', zh: '非目标请求', mn: 'Зорилтот бус хүсэлт', uz: 'Maqsadsiz so‘rov' } },
    { id: 'volume-too-small', name: { en: 'Volume too small', ru: 'Слишком малый объём', zh: '数量太小', mn: 'Хэмжээ хэт бага', uz: 'Hajm juda kichik' } },
    { id: 'not-our-range', name: { en: 'Not in our range', ru: 'Не наш ассортимент', zh: '不在我们的产品范围', mn: 'Манай бүтээгдэхүүн биш', uz: 'Bizning assortimentda yo‘q' } },
    { id: 'deadline', name: { en: 'Deadline we cannot meet', ru: 'Нереальные сроки', zh: '无法满足的期限', mn: 'Биелүүлэх боломжгүй хугацаа', uz: 'Bajarib bo‘lmaydigan muddat' } },
    { id: 'duplicate', name: { en: 'Duplicate request', ru: 'Дубль', zh: '重复请求', mn: 'Давхардсан хүсэлт', uz: 'Takroriy so‘rov' } },
    { id: 'spam', name: { en: 'Spam', ru: 'Спам', zh: '垃圾信息', mn: 'Спам', uz: 'Spam' } },
    { id: 'other', name: { en: 'Other', ru: 'Другое', zh: '其他', mn: 'Бусад', uz: 'Boshqa' }, requiresComment: true },
  ],
};

/** The default deal pipeline. */
export const SALES_PIPELINE: Pipeline = {
  id: 'sales',
  entity: 'deal',
  name: { en: 'Sales', ru: 'Продажи', zh: '销售', mn: 'Борлуулалт', uz: 'Sotuvlar' },
  stages: [
    {
      id: 'new',
      kind: 'open',

      probability: 0.1,
      name: { en: 'New', ru: 'Новая', zh: '新交易', mn: 'Шинэ', uz: 'Yangi' },
      description: {
        en: 'Confirm the request with the client and agree on the next contact.',
        ru: 'Подтвердите запрос с клиентом и договоритесь о следующем контакте.',
        zh: '与客户确认需求，并约定下一次联系。',
        mn: 'Харилцагчтай хүсэлтийг баталгаажуулж, дараагийн холбоо барихыг тохир.',
        uz: 'Mijoz bilan so‘rovni tasdiqlang va keyingi aloqani kelishing.',
      },
    },
    {
      id: 'qualified',
      kind: 'open',

      probability: 0.3,
      name: { en: 'Qualified', ru: 'Квалифицирована', zh: '已确认', mn: 'Баталгаажсан', uz: 'Malakali' },
      description: {
        en: 'Budget, decision maker, need and timing are known. Prepare the offer.',
        ru: 'Известны бюджет, ЛПР, потребность и сроки. Готовьте предложение.',
        zh: '预算、决策人、需求和时间已明确。准备报价。',
        mn: 'Төсөв, шийдвэр гаргагч, хэрэгцээ, хугацаа тодорхой. Санал бэлтгэ.',
        uz: 'Byudjet, qaror qiluvchi, ehtiyoj va muddat ma’lum. Taklif tayyorlang.',
      },
    },
    {
      id: 'proposal',
      kind: 'open',

      probability: 0.5,
      name: { en: 'Proposal', ru: 'Предложение', zh: '报价', mn: 'Санал', uz: 'Taklif' },
      description: {
        en: 'Send the offer with the amount and call within two days to discuss it.',
        ru: 'Отправьте предложение с суммой и позвоните в течение двух дней, чтобы обсудить.',
        zh: '发送带金额的报价，并在两天内致电讨论。',
        mn: 'Дүнтэй санал илгээж, хоёр хоногийн дотор утсаар ярилц.',
        uz: 'Summali taklifni yuboring va ikki kun ichida muhokama uchun qo‘ng‘iroq qiling.',
      },
    },
    {
      id: 'invoice',
      kind: 'open',

      probability: 0.8,
      name: { en: 'Invoice sent', ru: 'Счёт выставлен', zh: '已开发票', mn: 'Нэхэмжлэх илгээсэн', uz: 'Hisob yuborildi' },
      description: {
        en: 'Check that the invoice arrived and follow the payment.',
        ru: 'Убедитесь, что счёт получен, и контролируйте оплату.',
        zh: '确认客户已收到发票，并跟进付款。',
        mn: 'Нэхэмжлэх хүрсэн эсэхийг шалгаж, төлбөрийг хянах.',
        uz: 'Hisob yetib borganini tekshiring va to‘lovni kuzating.',
      },
      limit: '7d',
    },
    {
      id: 'won',
      kind: 'won',

      probability: 1,
      name: { en: 'Won', ru: 'Успешно', zh: '成交', mn: 'Амжилттай', uz: 'Muvaffaqiyatli' },
      description: { en: 'Paid. Thank the client and plan a repeat sale.', ru: 'Оплачено. Поблагодарите клиента и запланируйте повторную продажу.', zh: '已付款。感谢客户并计划复购。', mn: 'Төлөгдсөн. Харилцагчид талархаж, давтан борлуулалт төлөвлө.', uz: 'To‘landi. Mijozga rahmat ayting va takroriy sotuvni rejalashtiring.' },
    },
    {
      id: 'lost',
      kind: 'lost',

      probability: 0,
      name: { en: 'Lost', ru: 'Проиграна', zh: '丢单', mn: 'Алдсан', uz: 'Yo‘qotildi' },
      description: { en: 'The client will not buy now; the reason is recorded.', ru: 'Клиент сейчас не купит; причина записана.', zh: '客户目前不会购买；已记录原因。', mn: 'Харилцагч одоо худалдан авахгүй; шалтгааныг бүртгэсэн.', uz: 'Mijoz hozir sotib olmaydi; sababi yozilgan.' },
    },
  ],
  lossReasons: [
    { id: 'price', name: { en: 'Price too high', ru: 'Дорого', zh: '价格太高', mn: 'Үнэ өндөр', uz: 'Narx qimmat' } },
    { id: 'competitor', name: { en: 'Chose a competitor', ru: 'Выбрали конкурента', zh: '选择了竞争对手', mn: 'Өрсөлдөгчийг сонгосон', uz: 'Raqobatchini tanladi' } },
    { id: 'no-budget', name: { en: 'No budget', ru: 'Нет бюджета', zh: '没有预算', mn: 'Төсөвгүй', uz: 'Byudjet yo‘q' } },
    { id: 'no-response', name: { en: 'Stopped responding', ru: 'Перестал отвечать', zh: '不再回复', mn: 'Хариу өгөхөө больсон', uz: 'Javob bermay qo‘ydi' } },
    { id: 'timing', name: { en: 'Not now', ru: 'Не сейчас', zh: '暂不需要', mn: 'Одоо биш', uz: 'Hozir emas' } },
    { id: 'other', name: { en: 'Other', ru: 'Другое', zh: '其他', mn: 'Бусад', uz: 'Boshqa' }, requiresComment: true },
  ],
};

/** The pipelines a CRM gets when `createCrm` is given none: `leads` and `sales`. */
export const DEFAULT_PIPELINES: readonly Pipeline[] = [LEADS_PIPELINE, SALES_PIPELINE];
