// Demo data for the sales workspace page: managers, a retail and a wholesale
// deal pipeline, and a few hundred deals and leads with clients whose names
// are Russian, Mongolian, Uzbek, Chinese and English. Seeded once into
// IndexedDB through the services (so every record has its history), with a
// fixed random seed so every visitor sees the same funnel.
import { LEADS_PIPELINE, SALES_PIPELINE, createCrm, dexieStore, type Crm, type Pipeline, type User } from '@crmkit/core';

/** The IndexedDB database the workspace demo uses. */
export const DEMO_DB = 'crmkit-demo-workspace';

/** The demo's managers; `anna` (head of sales) is the signed-in user. */
export const DEMO_USERS: User[] = [
  { id: 'anna', name: 'Анна Петрова', role: 'head' },
  { id: 'bat', name: 'Батбаяр Дорж', role: 'manager' },
  { id: 'dilshod', name: 'Dilshod Rahimov', role: 'manager' },
  { id: 'fang', name: '王芳', role: 'manager' },
  { id: 'emily', name: 'Emily Carter', role: 'manager' },
];

/** A second deal pipeline: wholesale orders, with its own stages and loss reasons. */
export const WHOLESALE_PIPELINE: Pipeline = {
  id: 'wholesale',
  entity: 'deal',
  name: { en: 'Wholesale', ru: 'Опт', zh: '批发', mn: 'Бөөний худалдаа', uz: 'Ulgurji savdo' },
  stages: [
    {
      id: 'request',
      kind: 'open',
      name: { en: 'Request', ru: 'Запрос', zh: '询价', mn: 'Хүсэлт', uz: 'So‘rov' },
      description: {
        en: 'Check volumes and delivery terms; send the price list the same day.',
        ru: 'Уточните объёмы и условия доставки; отправьте прайс-лист в тот же день.',
        zh: '核实数量和交货条件；当天发送价目表。',
        mn: 'Тоо хэмжээ, хүргэлтийн нөхцөлийг тодруулж, үнийн жагсаалтыг тухайн өдөрт нь илгээ.',
        uz: 'Hajm va yetkazib berish shartlarini aniqlang; narxlar ro‘yxatini shu kuni yuboring.',
      },
    },
    {
      id: 'price-list',
      kind: 'open',
      name: { en: 'Price list sent', ru: 'Прайс отправлен', zh: '已发价目表', mn: 'Үнийн жагсаалт илгээсэн', uz: 'Narxlar yuborildi' },
      description: {
        en: 'Call within two days: which items and what discount matter to them?',
        ru: 'Позвоните в течение двух дней: какие позиции и какая скидка им важны?',
        zh: '两天内致电：客户关心哪些商品和多少折扣？',
        mn: 'Хоёр хоногийн дотор залга: ямар бараа, ямар хөнгөлөлт чухал вэ?',
        uz: 'Ikki kun ichida qo‘ng‘iroq qiling: qaysi mahsulotlar va qanday chegirma muhim?',
      },
    },
    {
      id: 'negotiation',
      kind: 'open',
      name: { en: 'Negotiation', ru: 'Переговоры', zh: '谈判', mn: 'Хэлэлцээр', uz: 'Muzokaralar' },
      description: {
        en: 'Agree on price, payment terms and the delivery schedule.',
        ru: 'Согласуйте цену, условия оплаты и график поставок.',
        zh: '商定价格、付款条件和交货计划。',
        mn: 'Үнэ, төлбөрийн нөхцөл, нийлүүлэлтийн хуваарийг тохир.',
        uz: 'Narx, to‘lov shartlari va yetkazib berish jadvalini kelishing.',
      },
    },
    {
      id: 'contract',
      kind: 'open',
      name: { en: 'Contract', ru: 'Договор', zh: '合同', mn: 'Гэрээ', uz: 'Shartnoma' },
      description: {
        en: 'Send the contract, follow the signature and issue the prepayment invoice.',
        ru: 'Отправьте договор, проследите за подписанием и выставьте счёт на предоплату.',
        zh: '发送合同，跟进签字，并开具预付款发票。',
        mn: 'Гэрээг илгээж, гарын үсэг зурахыг хянаж, урьдчилгааны нэхэмжлэх гарга.',
        uz: 'Shartnomani yuboring, imzolanishini kuzating va oldindan to‘lov hisobini chiqaring.',
      },
      limit: '14d',
    },
    {
      id: 'shipped',
      kind: 'won',
      name: { en: 'Shipped', ru: 'Отгружено', zh: '已发货', mn: 'Ачуулсан', uz: 'Jo‘natildi' },
      description: { en: 'Paid and shipped.', ru: 'Оплачено и отгружено.', zh: '已付款并发货。', mn: 'Төлөгдөж, ачуулсан.', uz: 'To‘landi va jo‘natildi.' },
    },
    {
      id: 'lost',
      kind: 'lost',
      name: { en: 'Lost', ru: 'Проиграна', zh: '丢单', mn: 'Алдсан', uz: 'Yo‘qotildi' },
    },
  ],
  lossReasons: [
    { id: 'price', name: { en: 'Price too high', ru: 'Дорого', zh: '价格太高', mn: 'Үнэ өндөр', uz: 'Narx qimmat' } },
    { id: 'terms', name: { en: 'Payment terms', ru: 'Условия оплаты', zh: '付款条件', mn: 'Төлбөрийн нөхцөл', uz: 'To‘lov shartlari' } },
    { id: 'stock', name: { en: 'Out of stock', ru: 'Нет в наличии', zh: '缺货', mn: 'Нөөцөд байхгүй', uz: 'Omborda yo‘q' } },
    { id: 'competitor', name: { en: 'Chose a competitor', ru: 'Выбрали конкурента', zh: '选择了竞争对手', mn: 'Өрсөлдөгчийг сонгосон', uz: 'Raqobatchini tanladi' } },
    { id: 'other', name: { en: 'Other', ru: 'Другое', zh: '其他', mn: 'Бусад', uz: 'Boshqa' }, requiresComment: true },
  ],
};

/** The demo's pipelines: leads, retail sales and wholesale. */
export const DEMO_PIPELINES: Pipeline[] = [LEADS_PIPELINE, SALES_PIPELINE, WHOLESALE_PIPELINE];

interface Market {
  currency: string;
  city: string[];
  companies: string[];
  people: string[];
  phone: (n: number) => string;
  domain: string;
  retail: string[];
  wholesale: string[];
  owner: string;
  /** Typical deal size, in the currency. */
  scale: number;
}

const pad = (n: number, len: number) => String(n).padStart(len, '0');

const MARKETS: Market[] = [
  {
    currency: 'RUB',
    city: ['Москва', 'Казань', 'Екатеринбург', 'Новосибирск'],
    companies: ['ООО «Северный ветер»', 'АО «Уралтехснаб»', 'ООО «Волга-Логистик»', 'ИП Смирнова', 'ООО «Сибирская мебель»', 'ООО «Тёплый дом»', 'АО «Камский завод»', 'ООО «Ромашка»'],
    people: ['Иван Смирнов', 'Ольга Кузнецова', 'Дмитрий Волков', 'Екатерина Соколова', 'Сергей Морозов', 'Наталья Лебедева', 'Алексей Попов', 'Мария Новикова'],
    phone: (n) => `+7 916 ${pad(n % 1000, 3)}-${pad((n * 7) % 100, 2)}-${pad((n * 13) % 100, 2)}`,
    domain: 'example.ru',
    retail: ['Котёл газовый', 'Монтаж вентиляции', 'Кухонный гарнитур', 'Установка окон', 'Тёплый пол, 40 м²', 'Сервисный договор'],
    wholesale: ['Трубы ПНД, 2 т', 'Радиаторы, 300 шт', 'Фанера, вагон', 'Утеплитель, 60 м³'],
    owner: 'anna',
    scale: 180_000,
  },
  {
    currency: 'MNT',
    city: ['Улаанбаатар', 'Дархан', 'Эрдэнэт'],
    companies: ['Монгол Ноос ХХК', 'Улаанбаатар Трейд ХХК', 'Говь Кашемир ХК', 'Хангай Барилга ХХК', 'Номин Логистик ХХК'],
    people: ['Батбаяр Дорж', 'Сарангэрэл Бат', 'Ганбаатар Төмөр', 'Оюунчимэг Энх', 'Мөнхбат Цэрэн', 'Анужин Болд'],
    phone: (n) => `+976 99${pad(n % 100, 2)} ${pad((n * 37) % 10000, 4)}`,
    domain: 'example.mn',
    retail: ['Ноолууран цамц', 'Гэрийн тавилга', 'Цахилгаан халаагуур', 'Оффисын компьютер'],
    wholesale: ['Ноосон бээлий, 500 ш', 'Ямааны ноолуур, 1 тн', 'Барилгын материал'],
    owner: 'bat',
    scale: 4_500_000,
  },
  {
    currency: 'UZS',
    city: ['Toshkent', 'Samarqand', 'Buxoro', 'Namangan'],
    companies: ['Toshkent Savdo MChJ', 'Samarqand Textile', 'Buxoro Ipak MChJ', 'Farg‘ona Meva Eksport', 'Navoiy Qurilish'],
    people: ['Dilnoza Karimova', 'Jasur Tursunov', 'Malika Yusupova', 'Sherzod Aliyev', 'Gulnora Rashidova', 'Otabek Nazarov'],
    phone: (n) => `+998 90 ${pad(n % 1000, 3)} ${pad((n * 11) % 100, 2)} ${pad((n * 17) % 100, 2)}`,
    domain: 'example.uz',
    retail: ['Konditsioner o‘rnatish', 'Oshxona jihozlari', 'Mebel to‘plami', 'Quyosh panellari'],
    wholesale: ['Paxta mato, 2 t', 'Quritilgan meva, 5 t', 'Ipak gazlama, 800 m'],
    owner: 'dilshod',
    scale: 25_000_000,
  },
  {
    currency: 'CNY',
    city: ['上海', '杭州', '深圳', '北京'],
    companies: ['杭州明辉贸易有限公司', '深圳华达电子有限公司', '上海东方物流', '北京新程科技', '广州丰源食品'],
    people: ['李伟', '张敏', '王强', '刘洋', '陈静', '赵磊'],
    phone: (n) => `+86 138 ${pad(n % 10000, 4)} ${pad((n * 29) % 10000, 4)}`,
    domain: 'example.cn',
    retail: ['办公家具', '安防系统安装', '咖啡机租赁', '网站开发'],
    wholesale: ['电子元件批发', '茶叶 2 吨', 'LED 灯具 5000 件'],
    owner: 'fang',
    scale: 60_000,
  },
  {
    currency: 'USD',
    city: ['Boston', 'Austin', 'Denver', 'Seattle'],
    companies: ['Brightline Logistics Ltd', 'Green Valley Foods', 'Northwind Traders', 'Summit Dental Group', 'Blue Harbor Hotels'],
    people: ['James Miller', 'Sarah Johnson', 'Michael Brown', 'Emily Davis', 'Daniel Wilson', 'Olivia Taylor'],
    phone: (n) => `+1 617 555 ${pad(n % 10000, 4)}`,
    domain: 'example.com',
    retail: ['CRM onboarding', 'Office network upgrade', 'Annual support plan', 'Website redesign'],
    wholesale: ['Packaging, 40,000 units', 'Coffee beans, 3 t', 'LED panels, 1,200 units'],
    owner: 'emily',
    scale: 9_000,
  },
];

/** A small deterministic PRNG (mulberry32), so the demo is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const STEP_TITLES: Record<string, string[]> = {
  RUB: ['Перезвонить по смете', 'Встреча на объекте', 'Отправить КП', 'Уточнить оплату'],
  MNT: ['Үнийн санал илгээх', 'Уулзалт товлох', 'Утсаар ярих', 'Төлбөр тодруулах'],
  UZS: ['Narxni kelishish', 'Uchrashuv', 'Taklif yuborish', 'To‘lovni aniqlash'],
  CNY: ['回电确认报价', '安排会面', '发送报价单', '确认付款'],
  USD: ['Follow up on the quote', 'Demo meeting', 'Send the proposal', 'Confirm payment'],
};

/** What `seedDemoData` reports while it works. */
export type SeedProgress = (done: number, total: number) => void;

/**
 * Fills an empty CRM with the demo: companies and contacts in five markets,
 * `deals` deals across the `sales` and `wholesale` pipelines (about a fifth
 * with an overdue next step, a fifth with none), a few won and lost, and 40
 * leads. Does nothing when the CRM already has deals.
 */
export async function seedDemoData(crm: Crm, options: { deals?: number; onProgress?: SeedProgress } = {}): Promise<boolean> {
  if ((await crm.deals.list({ limit: 1 })).length > 0) return false;
  const rnd = random(20250310);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const total = options.deals ?? 300;
  const now = crm.now().getTime();
  const report = (done: number) => options.onProgress?.(done, total + 40);

  const clients: { market: Market; companyId: string; contactId: string }[] = [];
  let n = 1;
  for (const market of MARKETS) {
    for (const [i, name] of market.companies.entries()) {
      const company = await crm.companies.create({ name, city: market.city[i % market.city.length]!, phone: market.phone(n++), website: `https://${['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma', 'nova', 'terra'][i]}.${market.domain}`, ownerId: market.owner });
      const person = market.people[i % market.people.length]!;
      const contact = await crm.contacts.create({ name: person, companyId: company.id, phone: market.phone(n++), email: `contact${n}@${market.domain}`, city: company.city!, ownerId: market.owner });
      clients.push({ market, companyId: company.id, contactId: contact.id });
    }
  }

  const sales = SALES_PIPELINE.stages.filter((s) => s.kind === 'open').map((s) => s.id);
  const wholesale = WHOLESALE_PIPELINE.stages.filter((s) => s.kind === 'open').map((s) => s.id);
  for (let i = 0; i < total; i++) {
    const client = pick(clients);
    const { market } = client;
    const isWholesale = rnd() < 0.35;
    const stages = isWholesale ? wholesale : sales;
    // Earlier stages hold more deals, as in any real funnel.
    const stageId = stages[Math.min(stages.length - 1, Math.floor(Math.pow(rnd(), 1.6) * stages.length))]!;
    const owner = rnd() < 0.7 ? market.owner : pick(DEMO_USERS).id;
    const amount = Math.round((market.scale * (isWholesale ? 6 : 1) * (0.3 + rnd() * 2)) / 100) * 100;
    const deal = await crm.deals.create({
      title: pick(isWholesale ? market.wholesale : market.retail),
      amount,
      currency: market.currency,
      pipelineId: isWholesale ? 'wholesale' : 'sales',
      stageId,
      companyId: client.companyId,
      contactIds: [client.contactId],
      ownerId: owner,
      expectedCloseDate: new Date(now + (5 + rnd() * 60) * DAY),
    });
    const roll = rnd();
    if (roll < 0.05) await crm.deals.win(deal.id);
    else if (roll < 0.09) await crm.deals.lose(deal.id, { reason: pick(['price', 'competitor']) });
    else if (roll < 0.27) {
      // Overdue: from a few hours to two weeks late.
      await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: pick(['call', 'meeting', 'email', 'task'] as const), title: pick(STEP_TITLES[market.currency]!), dueAt: new Date(now - (2 + rnd() * 14 * 24) * HOUR) });
    } else if (roll < 0.78) {
      await crm.activities.schedule({ recordType: 'deal', recordId: deal.id, type: pick(['call', 'meeting', 'email', 'task'] as const), title: pick(STEP_TITLES[market.currency]!), dueAt: new Date(now + (1 + rnd() * 10 * 24) * HOUR) });
    }
    // The rest (about a fifth) have no next step: the board shouts about them.
    if (i % 10 === 0) report(i);
  }

  const leadStages = LEADS_PIPELINE.stages.filter((s) => s.kind === 'open').map((s) => s.id);
  for (let i = 0; i < 40; i++) {
    const market = MARKETS[i % MARKETS.length]!;
    const hasCompany = rnd() < 0.6;
    const lead = await crm.leads.create({
      name: pick(market.people),
      phone: market.phone(1000 + i),
      ...(hasCompany ? { companyName: pick(market.companies) } : {}),
      message: pick(market.retail),
      source: { channel: pick(['web-form', 'phone', 'telegram', 'email']) },
      ownerId: rnd() < 0.8 ? market.owner : 'anna',
    });
    const stageId = leadStages[Math.floor(Math.pow(rnd(), 1.4) * leadStages.length)]!;
    if (stageId !== lead.stageId) await crm.leads.moveToStage(lead.id, stageId);
    if (rnd() < 0.6) {
      await crm.activities.schedule({ recordType: 'lead', recordId: lead.id, type: 'call', title: pick(STEP_TITLES[market.currency]!), dueAt: new Date(now + (rnd() * 72 - 18) * HOUR) });
    }
    report(total + i);
  }
  report(total + 40);
  return true;
}

/** Opens the demo CRM on IndexedDB (`crmkit-demo-workspace`), seeding it on first use. */
export async function openDemoCrm(options: { locale?: string; onProgress?: SeedProgress } = {}): Promise<Crm> {
  const crm = await createCrm({ store: dexieStore(DEMO_DB), pipelines: DEMO_PIPELINES, users: DEMO_USERS, currentUser: 'anna', locale: options.locale ?? 'en' });
  await seedDemoData(crm, options.onProgress ? { onProgress: options.onProgress } : {});
  return crm;
}
