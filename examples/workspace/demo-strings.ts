// The demo page's own words (headings, controls, status lines), in the
// translation registry beside the widgets' strings: one namespace,
// `workspaceDemo`, five languages — the way an app adds its strings.
import { registerTranslation, translate } from '@crmkit/widgets';

/** Every string of the workspace demo page. */
export interface DemoStrings {
  pageTitle: string;
  allDemos: string;
  title: string;
  intro: string;
  language: string;
  signedInAs: string;
  roles: { admin: string; head: string; manager: string };
  reset: string;
  client: string;
  openHint: string;
  plannerTitle: string;
  opening: string;
  creating: (percent: number) => string;
  deleting: string;
}

const en: DemoStrings = {
  pageTitle: 'crmkit sales workspace demo',
  allDemos: '← all demos',
  title: 'Sales workspace',
  intro:
    "The funnel board, the client card and the team planner over a few hundred demo deals in five markets, stored in this browser's IndexedDB. Drag cards, or focus one and press Space, the arrow keys and Space again. Open this page in two tabs: a move in one shows up in the other.",
  language: 'Language',
  signedInAs: 'Signed in as',
  roles: { admin: 'administrator', head: 'head of sales', manager: 'manager' },
  reset: 'Reset demo data',
  client: 'Client',
  openHint: 'Click a card (or press Enter on it) to open the client.',
  plannerTitle: 'Team planner',
  opening: 'Opening the demo database…',
  creating: (p) => `Creating demo data: ${p} %`,
  deleting: 'Deleting the demo database…',
};

const ru: DemoStrings = {
  pageTitle: 'crmkit: демо рабочего места продаж',
  allDemos: '← все демо',
  title: 'Рабочее место продаж',
  intro:
    'Воронка, карточка клиента и планировщик команды на нескольких сотнях демо-сделок в пяти странах; данные хранятся в IndexedDB этого браузера. Перетаскивайте карточки или выберите карточку и нажмите Пробел, стрелки и снова Пробел. Откройте страницу в двух вкладках: перенос в одной сразу виден в другой.',
  language: 'Язык',
  signedInAs: 'Вы вошли как',
  roles: { admin: 'администратор', head: 'руководитель отдела продаж', manager: 'менеджер' },
  reset: 'Сбросить демо-данные',
  client: 'Клиент',
  openHint: 'Нажмите на карточку (или Enter на ней), чтобы открыть клиента.',
  plannerTitle: 'Планировщик команды',
  opening: 'Открываем демо-базу…',
  creating: (p) => `Создаём демо-данные: ${p} %`,
  deleting: 'Удаляем демо-базу…',
};

const zh: DemoStrings = {
  pageTitle: 'crmkit 销售工作台演示',
  allDemos: '← 全部演示',
  title: '销售工作台',
  intro: '销售漏斗看板、客户卡片和团队计划表，使用五个市场的数百个演示交易，数据保存在本浏览器的 IndexedDB 中。可以拖动卡片，也可以选中卡片后按空格键、方向键，再按空格键。在两个标签页中打开本页：一个标签页中的移动会立即出现在另一个中。',
  language: '语言',
  signedInAs: '当前用户',
  roles: { admin: '管理员', head: '销售主管', manager: '销售经理' },
  reset: '重置演示数据',
  client: '客户',
  openHint: '点击卡片（或在卡片上按回车键）即可打开客户。',
  plannerTitle: '团队计划表',
  opening: '正在打开演示数据库…',
  creating: (p) => `正在创建演示数据：${p}%`,
  deleting: '正在删除演示数据库…',
};

const mn: DemoStrings = {
  pageTitle: 'crmkit борлуулалтын ажлын талбарын демо',
  allDemos: '← бүх демо',
  title: 'Борлуулалтын ажлын талбар',
  intro:
    'Борлуулалтын юүлүүр, харилцагчийн карт, багийн төлөвлөгч — таван зах зээлийн хэдэн зуун демо хэлцэл дээр; өгөгдөл энэ хөтчийн IndexedDB-д хадгалагдана. Картыг чирж зөөх, эсвэл картыг сонгоод Space, сумнууд, дахин Space дарна уу. Энэ хуудсыг хоёр табд нээгээрэй: нэгэнд нь хийсэн өөрчлөлт нөгөөд нь шууд харагдана.',
  language: 'Хэл',
  signedInAs: 'Нэвтэрсэн хэрэглэгч',
  roles: { admin: 'админ', head: 'борлуулалтын дарга', manager: 'менежер' },
  reset: 'Демо өгөгдлийг шинэчлэх',
  client: 'Харилцагч',
  openHint: 'Харилцагчийг нээхийн тулд карт дээр дарна уу (эсвэл Enter).',
  plannerTitle: 'Багийн төлөвлөгч',
  opening: 'Демо санг нээж байна…',
  creating: (p) => `Демо өгөгдөл үүсгэж байна: ${p} %`,
  deleting: 'Демо санг устгаж байна…',
};

const uz: DemoStrings = {
  pageTitle: 'crmkit: savdo ish joyi namoyishi',
  allDemos: '← barcha namoyishlar',
  title: 'Savdo ish joyi',
  intro:
    'Savdo voronkasi, mijoz kartasi va jamoa rejalashtirgichi besh bozordagi bir necha yuz namoyish bitimida; maʼlumotlar shu brauzerning IndexedDB xotirasida saqlanadi. Kartalarni sudrab olib boring yoki kartani tanlab, Probel, strelkalar va yana Probel tugmasini bosing. Sahifani ikki varaqda oching: birida qilingan koʻchirish ikkinchisida darhol koʻrinadi.',
  language: 'Til',
  signedInAs: 'Foydalanuvchi',
  roles: { admin: 'administrator', head: 'savdo boʻlimi rahbari', manager: 'menejer' },
  reset: 'Namoyish maʼlumotlarini tiklash',
  client: 'Mijoz',
  openHint: 'Mijozni ochish uchun kartani bosing (yoki unda Enter tugmasini).',
  plannerTitle: 'Jamoa rejalashtirgichi',
  opening: 'Namoyish bazasi ochilmoqda…',
  creating: (p) => `Namoyish maʼlumotlari yaratilmoqda: ${p} %`,
  deleting: 'Namoyish bazasi oʻchirilmoqda…',
};

/** Registers the demo page's strings in five languages (namespace `workspaceDemo`). */
export function registerDemoStrings(): void {
  for (const [locale, strings] of Object.entries({ en, ru, zh, mn, uz })) registerTranslation(locale, { workspaceDemo: strings });
}

/** The demo page's strings for `locale` (any BCP 47 tag; falls back to English key by key). */
export function demoStrings(locale: string): DemoStrings {
  return translate<DemoStrings>('workspaceDemo', locale);
}

/**
 * Puts the strings of `locale` on the page: the text of every element with
 * `data-i18n="key"`, the `aria-label` of every `data-i18n-label="key"`, and
 * the document title.
 */
export function applyDemoStrings(doc: Document, locale: string): DemoStrings {
  const t = demoStrings(locale);
  const text = t as unknown as Record<string, unknown>;
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const value = text[el.dataset['i18n'] ?? ''];
    if (typeof value === 'string') el.textContent = value;
  }
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n-label]')) {
    const value = text[el.dataset['i18nLabel'] ?? ''];
    if (typeof value === 'string') el.setAttribute('aria-label', value);
  }
  doc.title = t.pageTitle;
  return t;
}
