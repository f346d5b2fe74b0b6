import type { Locale } from '@crmkit/core';
import { plural } from '../shared/format.js';
import { strings } from '../shared/widget-locale.js';

/** Every string `<crm-funnel-board>` shows or announces. */
export interface FunnelBoardStrings {
  /** Accessible name of the whole board. */
  board: (pipeline: string) => string;
  pipeline: string;
  owner: string;
  allOwners: string;
  search: string;
  searchPlaceholder: string;
  loading: string;
  emptyColumn: string;
  /** "12 deals" / "3 leads": `n` picks the plural form, `shown` is `n` formatted for the locale. */
  count: (n: number, shown: string, entity: 'lead' | 'deal') => string;
  whatToDo: string;
  noDescription: string;
  overdue: (relative: string) => string;
  due: (relative: string) => string;
  noNextStep: string;
  noOwner: string;
  /** Label of a drop zone, e.g. "Drop here: Won". */
  dropZone: (stage: string) => string;
  cardRole: string;
  instructions: string;
  pickedUp: (title: string, stage: string) => string;
  over: (title: string, target: string, position: number, total: number) => string;
  dropped: (title: string, target: string) => string;
  cancelled: (title: string, stage: string) => string;
  refused: (title: string, reason: string) => string;
  refusedBy: (plugin: string) => string;
  conflict: (title: string) => string;
  failed: (title: string, message: string) => string;
  dismiss: string;
  lossTitle: (title: string) => string;
  lossReason: string;
  lossComment: string;
  lossCommentRequired: string;
  lossChooseReason: string;
  lossCancel: string;
  lossConfirm: string;
}

const tables = {
  en: {
    board: (p) => `Funnel board: ${p}`,
    pipeline: 'Pipeline',
    owner: 'Owner',
    allOwners: 'All owners',
    search: 'Search',
    searchPlaceholder: 'Title or client',
    loading: 'Loading the funnel…',
    emptyColumn: 'No cards here',
    count: (n, f, e) => `${f} ${e === 'deal' ? plural('en', n, { one: 'deal', other: 'deals' }) : plural('en', n, { one: 'lead', other: 'leads' })}`,
    whatToDo: 'What to do here',
    noDescription: 'This stage has no description.',
    overdue: (r) => `Overdue: ${r}`,
    due: (r) => `Next step ${r}`,
    noNextStep: 'No next step!',
    noOwner: 'No owner',
    dropZone: (s) => `Drop here: ${s}`,
    cardRole: 'movable card',
    instructions: 'Space picks the card up; then the arrow keys choose a column, Space or Enter drops it, Escape cancels. Enter opens the card.',
    pickedUp: (t, s) => `Picked up “${t}” from ${s}. Arrow keys choose a column, Space drops, Escape cancels.`,
    over: (t, target, i, n) => `“${t}”: ${target}, ${i} of ${n}.`,
    dropped: (t, target) => `“${t}” moved to ${target}.`,
    cancelled: (t, s) => `Move cancelled. “${t}” stays in ${s}.`,
    refused: (t, r) => `“${t}” was not moved: ${r}`,
    refusedBy: (p) => `Refused by ${p}`,
    conflict: (t) => `“${t}” was changed by someone else meanwhile. The board shows the latest version; try again.`,
    failed: (t, m) => `“${t}” could not be moved: ${m}`,
    dismiss: 'Dismiss',
    lossTitle: (t) => `Why was “${t}” lost?`,
    lossReason: 'Reason',
    lossComment: 'Comment',
    lossCommentRequired: 'This reason needs a comment.',
    lossChooseReason: 'Choose a reason.',
    lossCancel: 'Cancel',
    lossConfirm: 'Close as lost',
  },
  ru: {
    board: (p) => `Воронка: ${p}`,
    pipeline: 'Воронка',
    owner: 'Ответственный',
    allOwners: 'Все ответственные',
    search: 'Поиск',
    searchPlaceholder: 'Название или клиент',
    loading: 'Загрузка воронки…',
    emptyColumn: 'Карточек нет',
    count: (n, f, e) => `${f} ${e === 'deal' ? plural('ru', n, { one: 'сделка', few: 'сделки', many: 'сделок', other: 'сделки' }) : plural('ru', n, { one: 'лид', few: 'лида', many: 'лидов', other: 'лида' })}`,
    whatToDo: 'Что здесь делать',
    noDescription: 'У этого этапа нет описания.',
    overdue: (r) => `Просрочено: ${r}`,
    due: (r) => `Следующий шаг ${r}`,
    noNextStep: 'Нет следующего шага!',
    noOwner: 'Без ответственного',
    dropZone: (s) => `Перетащите сюда: ${s}`,
    cardRole: 'перемещаемая карточка',
    instructions: 'Пробел берёт карточку; затем стрелки выбирают колонку, Пробел или Enter опускают её, Escape отменяет. Enter открывает карточку.',
    pickedUp: (t, s) => `Карточка «${t}» взята из этапа «${s}». Стрелки выбирают колонку, Пробел опускает, Escape отменяет.`,
    over: (t, target, i, n) => `«${t}»: ${target}, ${i} из ${n}.`,
    dropped: (t, target) => `«${t}» перемещена: ${target}.`,
    cancelled: (t, s) => `Перемещение отменено. «${t}» остаётся в этапе «${s}».`,
    refused: (t, r) => `«${t}» не перемещена: ${r}`,
    refusedBy: (p) => `Отказ плагина ${p}`,
    conflict: (t) => `«${t}» тем временем изменил кто-то другой. На доске последняя версия; попробуйте ещё раз.`,
    failed: (t, m) => `Не удалось переместить «${t}»: ${m}`,
    dismiss: 'Закрыть',
    lossTitle: (t) => `Почему «${t}» проиграна?`,
    lossReason: 'Причина',
    lossComment: 'Комментарий',
    lossCommentRequired: 'Для этой причины нужен комментарий.',
    lossChooseReason: 'Выберите причину.',
    lossCancel: 'Отмена',
    lossConfirm: 'Закрыть как проигранную',
  },
  zh: {
    board: (p) => `销售漏斗看板：${p}`,
    pipeline: '漏斗',
    owner: '负责人',
    allOwners: '全部负责人',
    search: '搜索',
    searchPlaceholder: '标题或客户',
    loading: '正在加载漏斗…',
    emptyColumn: '暂无卡片',
    count: (_n, f, e) => (e === 'deal' ? `${f} 笔交易` : `${f} 条线索`),
    whatToDo: '此阶段要做什么',
    noDescription: '此阶段没有说明。',
    overdue: (r) => `已逾期：${r}`,
    due: (r) => `下一步：${r}`,
    noNextStep: '没有下一步！',
    noOwner: '无负责人',
    dropZone: (s) => `拖放到此处：${s}`,
    cardRole: '可移动卡片',
    instructions: '按空格键拿起卡片；然后用方向键选择列，按空格键或回车键放下，按 Esc 取消。按回车键打开卡片。',
    pickedUp: (t, s) => `已从“${s}”拿起“${t}”。用方向键选择列，空格键放下，Esc 取消。`,
    over: (t, target, i, n) => `“${t}”：${target}，第 ${i} 个，共 ${n} 个。`,
    dropped: (t, target) => `“${t}”已移至${target}。`,
    cancelled: (t, s) => `已取消移动。“${t}”仍在“${s}”。`,
    refused: (t, r) => `“${t}”未移动：${r}`,
    refusedBy: (p) => `由 ${p} 拒绝`,
    conflict: (t) => `“${t}”已被他人修改。看板已显示最新版本，请重试。`,
    failed: (t, m) => `无法移动“${t}”：${m}`,
    dismiss: '关闭',
    lossTitle: (t) => `“${t}”为什么丢单？`,
    lossReason: '原因',
    lossComment: '备注',
    lossCommentRequired: '此原因需要填写备注。',
    lossChooseReason: '请选择原因。',
    lossCancel: '取消',
    lossConfirm: '标记为丢单',
  },
  mn: {
    board: (p) => `Борлуулалтын самбар: ${p}`,
    pipeline: 'Юүлүүр',
    owner: 'Хариуцагч',
    allOwners: 'Бүх хариуцагч',
    search: 'Хайх',
    searchPlaceholder: 'Нэр эсвэл харилцагч',
    loading: 'Юүлүүрийг ачаалж байна…',
    emptyColumn: 'Карт алга',
    count: (_n, f, e) => (e === 'deal' ? `${f} хэлцэл` : `${f} боломжит харилцагч`),
    whatToDo: 'Энд юу хийх вэ',
    noDescription: 'Энэ үе шатанд тайлбар алга.',
    overdue: (r) => `Хугацаа хэтэрсэн: ${r}`,
    due: (r) => `Дараагийн алхам: ${r}`,
    noNextStep: 'Дараагийн алхам алга!',
    noOwner: 'Хариуцагчгүй',
    dropZone: (s) => `Энд чирж оруулна уу: ${s}`,
    cardRole: 'зөөж болох карт',
    instructions: 'Зай товч картыг авна; дараа нь сумаар багана сонгож, Зай эсвэл Enter товчоор тавина, Escape цуцална. Enter картыг нээнэ.',
    pickedUp: (t, s) => `«${t}» картыг «${s}» шатнаас авлаа. Сумаар багана сонгоно, Зай тавина, Escape цуцална.`,
    over: (t, target, i, n) => `«${t}»: ${target}, ${n}-аас ${i}.`,
    dropped: (t, target) => `«${t}» шилжлээ: ${target}.`,
    cancelled: (t, s) => `Шилжүүлэлтийг цуцаллаа. «${t}» «${s}» шатандаа үлдлээ.`,
    refused: (t, r) => `«${t}» шилжсэнгүй: ${r}`,
    refusedBy: (p) => `${p} татгалзсан`,
    conflict: (t) => `«${t}»-г энэ хооронд өөр хүн өөрчилсөн. Самбар хамгийн сүүлийн хувилбарыг харуулж байна; дахин оролдоно уу.`,
    failed: (t, m) => `«${t}»-г шилжүүлж чадсангүй: ${m}`,
    dismiss: 'Хаах',
    lossTitle: (t) => `«${t}»-г яагаад алдсан бэ?`,
    lossReason: 'Шалтгаан',
    lossComment: 'Тайлбар',
    lossCommentRequired: 'Энэ шалтгаанд тайлбар шаардлагатай.',
    lossChooseReason: 'Шалтгаан сонгоно уу.',
    lossCancel: 'Болих',
    lossConfirm: 'Алдсан гэж хаах',
  },
  uz: {
    board: (p) => `Savdo voronkasi: ${p}`,
    pipeline: 'Voronka',
    owner: 'Mas’ul',
    allOwners: 'Barcha mas’ullar',
    search: 'Qidirish',
    searchPlaceholder: 'Nomi yoki mijoz',
    loading: 'Voronka yuklanmoqda…',
    emptyColumn: 'Kartochkalar yo‘q',
    count: (_n, f, e) => (e === 'deal' ? `${f} ta bitim` : `${f} ta lid`),
    whatToDo: 'Bu yerda nima qilish kerak',
    noDescription: 'Bu bosqichning tavsifi yo‘q.',
    overdue: (r) => `Muddati o‘tgan: ${r}`,
    due: (r) => `Keyingi qadam: ${r}`,
    noNextStep: 'Keyingi qadam yo‘q!',
    noOwner: 'Mas’ul yo‘q',
    dropZone: (s) => `Shu yerga tashlang: ${s}`,
    cardRole: 'ko‘chiriladigan kartochka',
    instructions: 'Probel kartochkani oladi; so‘ng strelkalar ustunni tanlaydi, Probel yoki Enter uni qo‘yadi, Escape bekor qiladi. Enter kartochkani ochadi.',
    pickedUp: (t, s) => `“${t}” “${s}” bosqichidan olindi. Strelkalar ustunni tanlaydi, Probel qo‘yadi, Escape bekor qiladi.`,
    over: (t, target, i, n) => `“${t}”: ${target}, ${n} tadan ${i}-si.`,
    dropped: (t, target) => `“${t}” ko‘chirildi: ${target}.`,
    cancelled: (t, s) => `Ko‘chirish bekor qilindi. “${t}” “${s}” bosqichida qoldi.`,
    refused: (t, r) => `“${t}” ko‘chirilmadi: ${r}`,
    refusedBy: (p) => `${p} rad etdi`,
    conflict: (t) => `“${t}” shu orada boshqa kimdir tomonidan o‘zgartirildi. Doskada eng so‘nggi versiya; qayta urinib ko‘ring.`,
    failed: (t, m) => `“${t}”ni ko‘chirib bo‘lmadi: ${m}`,
    dismiss: 'Yopish',
    lossTitle: (t) => `“${t}” nega yo‘qotildi?`,
    lossReason: 'Sabab',
    lossComment: 'Izoh',
    lossCommentRequired: 'Bu sabab uchun izoh kerak.',
    lossChooseReason: 'Sababni tanlang.',
    lossCancel: 'Bekor qilish',
    lossConfirm: 'Yo‘qotilgan deb yopish',
  },
} satisfies Record<Locale, FunnelBoardStrings>;

/** The funnel board's strings for a locale. */
export const boardStrings: (locale: Locale) => FunnelBoardStrings = strings<FunnelBoardStrings>(tables);
