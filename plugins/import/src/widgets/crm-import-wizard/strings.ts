import type { Locale } from '@crmkit/core';
import { registerTranslation } from '@crmkit/widgets';
import type { TableWarningCode } from '../../read/table.js';

/** Every string `<crm-import-wizard>` shows. */
export interface ImportWizardStrings {
  /** Heading, per entity. */
  title: Record<'contact' | 'company' | 'lead' | 'deal', string>;
  /** Step names for the step list. */
  steps: [string, string, string, string];
  dropHint: string;
  chooseFile: string;
  reading: string;
  /** The file could not be read (`reason`: the error). */
  readFailed: (reason: string) => string;
  fileLabel: string;
  /** How many data rows the file has (formatted number). */
  rowsInFile: (n: string) => string;
  encoding: string;
  delimiter: string;
  delimiters: { comma: string; semicolon: string; tab: string; bar: string };
  duplicates: string;
  duplicateModes: { skip: string; update: string; create: string };
  columns: string;
  column: string;
  example: string;
  target: string;
  ignore: string;
  /** Field names of the mapping targets. */
  targets: Record<string, string>;
  /** A custom field target. */
  custom: (name: string) => string;
  warningsTitle: string;
  /** What `readTable` warns about, by code (`row`: the spreadsheet row, when about one). */
  warnings: Record<TableWarningCode, (row?: number) => string>;
  nothingMapped: string;
  check: string;
  /** Dry-run progress (formatted numbers). */
  checking: (done: string, total: string) => string;
  back: string;
  previewTitle: string;
  /** What the import would do (formatted counts). */
  wouldDo: (created: string, updated: string, skipped: string, failed: string) => string;
  previewCaption: string;
  row: string;
  problems: string;
  ok: string;
  errorsTitle: string;
  /** Where an error is: spreadsheet row and column title. */
  errorAt: (row: string, column: string) => string;
  /** Where an error is, when it is about the whole row. */
  errorInRow: (row: string) => string;
  /** Errors not listed. */
  moreErrors: (n: string) => string;
  /** The import button (rows that would be written). */
  importRows: (n: string) => string;
  importing: string;
  /** Import progress (formatted numbers). */
  progress: (done: string, total: string) => string;
  cancel: string;
  doneTitle: string;
  cancelled: string;
  created: string;
  updated: string;
  skipped: string;
  failed: string;
  undo: string;
  undoing: string;
  /** What undo did (formatted counts). */
  undone: (removed: string, restored: string) => string;
  /** Records undo left alone because they changed after the import. */
  keptAfterUndo: (n: string) => string;
  another: string;
  /** A step failed (`reason`: the error). */
  failedAction: (reason: string) => string;
}

const EN: ImportWizardStrings = {
  title: { contact: 'Import contacts', company: 'Import companies', lead: 'Import leads', deal: 'Import deals' },
  steps: ['File', 'Columns', 'Check', 'Import'],
  dropHint: 'Drop a CSV, TSV or Excel (.xlsx) file here, or',
  chooseFile: 'Choose a file',
  reading: 'Reading the file…',
  readFailed: (r) => `The file could not be read: ${r}`,
  fileLabel: 'File',
  rowsInFile: (n) => `${n} rows`,
  encoding: 'Text encoding',
  delimiter: 'Column separator',
  delimiters: { comma: 'Comma (,)', semicolon: 'Semicolon (;)', tab: 'Tab', bar: 'Vertical bar (|)' },
  duplicates: 'When a row matches an existing record',
  duplicateModes: { skip: 'Skip the row', update: 'Update the existing record', create: 'Create a new record anyway' },
  columns: 'Columns',
  column: 'Column in the file',
  example: 'Example',
  target: 'Goes to',
  ignore: 'Do not import',
  targets: {
    id: 'crmkit ID', name: 'Name', 'name.first': 'First name', 'name.middle': 'Middle name', 'name.last': 'Last name', phone: 'Phone', email: 'Email',
    position: 'Position', city: 'City', website: 'Website', address: 'Address', note: 'Note', message: 'Message', tags: 'Tags', source: 'Source',
    company: 'Company', contact: 'Contact', owner: 'Responsible', title: 'Deal title', amount: 'Amount', currency: 'Currency', pipeline: 'Pipeline',
    stage: 'Stage', closeDate: 'Expected close date',
  },
  custom: (n) => `Custom field: ${n}`,
  warningsTitle: 'Please check',
  warnings: {
    'encoding-guessed': () => 'The text encoding was guessed. If letters look wrong in the examples, choose another encoding.',
    'delimiter-guessed': () => 'The column separator was guessed; change it if the columns look wrong.',
    'ragged-row': (row) => `Row ${row ?? ''} has a different number of cells than the header.`,
    'blank-header': () => 'A column has no title, so it got a numbered name.',
    'duplicate-header': () => 'Some column titles repeat; the copies were numbered.',
    'empty-rows-skipped': () => 'Empty rows were left out.',
    'other-sheets': () => 'The workbook has several sheets; only the first was read.',
  },
  nothingMapped: 'Choose where at least one column goes.',
  check: 'Check the rows',
  checking: (d, t) => `Checking rows: ${d} of ${t}`,
  back: 'Back',
  previewTitle: 'Check before importing',
  wouldDo: (c, u, s, f) => `New: ${c}. Updated: ${u}. Skipped as duplicates: ${s}. With errors (will not be imported): ${f}.`,
  previewCaption: 'The first rows as they will be imported',
  row: 'Row',
  problems: 'Problems',
  ok: 'OK',
  errorsTitle: 'Rows with errors',
  errorAt: (r, c) => `Row ${r}, column “${c}”`,
  errorInRow: (r) => `Row ${r}`,
  moreErrors: (n) => `…and ${n} more`,
  importRows: (n) => `Import ${n} rows`,
  importing: 'Importing',
  progress: (d, t) => `${d} of ${t} rows done`,
  cancel: 'Cancel',
  doneTitle: 'Import finished',
  cancelled: 'The import was cancelled. The rows imported before that are kept; undo removes them.',
  created: 'Created',
  updated: 'Updated',
  skipped: 'Skipped',
  failed: 'With errors',
  undo: 'Undo this import',
  undoing: 'Undoing the import…',
  undone: (r, s) => `The import was undone: ${r} records removed, ${s} restored.`,
  keptAfterUndo: (n) => `${n} records were changed after the import and were kept as they are.`,
  another: 'Import another file',
  failedAction: (r) => `Something went wrong: ${r}`,
};

/** The strings in the five languages. */
export const IMPORT_WIZARD_STRINGS: Readonly<Record<Locale, ImportWizardStrings>> = {
  en: EN,
  ru: {
    title: { contact: 'Импорт контактов', company: 'Импорт компаний', lead: 'Импорт лидов', deal: 'Импорт сделок' },
    steps: ['Файл', 'Столбцы', 'Проверка', 'Импорт'],
    dropHint: 'Перетащите сюда файл CSV, TSV или Excel (.xlsx) или',
    chooseFile: 'Выберите файл',
    reading: 'Читаем файл…',
    readFailed: (r) => `Не удалось прочитать файл: ${r}`,
    fileLabel: 'Файл',
    rowsInFile: (n) => `строк: ${n}`,
    encoding: 'Кодировка',
    delimiter: 'Разделитель столбцов',
    delimiters: { comma: 'Запятая (,)', semicolon: 'Точка с запятой (;)', tab: 'Табуляция', bar: 'Вертикальная черта (|)' },
    duplicates: 'Если строка совпадает с уже существующей записью',
    duplicateModes: { skip: 'Пропустить строку', update: 'Обновить существующую запись', create: 'Всё равно создать новую' },
    columns: 'Столбцы',
    column: 'Столбец в файле',
    example: 'Пример',
    target: 'Куда',
    ignore: 'Не импортировать',
    targets: {
      id: 'ID в crmkit', name: 'Имя', 'name.first': 'Имя', 'name.middle': 'Отчество', 'name.last': 'Фамилия', phone: 'Телефон', email: 'E-mail',
      position: 'Должность', city: 'Город', website: 'Сайт', address: 'Адрес', note: 'Комментарий', message: 'Сообщение', tags: 'Теги', source: 'Источник',
      company: 'Компания', contact: 'Контакт', owner: 'Ответственный', title: 'Название сделки', amount: 'Сумма', currency: 'Валюта', pipeline: 'Воронка',
      stage: 'Стадия', closeDate: 'Предполагаемая дата закрытия',
    },
    custom: (n) => `Доп. поле: ${n}`,
    warningsTitle: 'Обратите внимание',
    warnings: {
      'encoding-guessed': () => 'Кодировка определена автоматически. Если в примерах видны «кракозябры», выберите другую.',
      'delimiter-guessed': () => 'Разделитель столбцов определён автоматически; поменяйте его, если столбцы разъехались.',
      'ragged-row': (row) => `В строке ${row ?? ''} другое число ячеек, чем в заголовке.`,
      'blank-header': () => 'У одного из столбцов нет названия — ему присвоен номер.',
      'duplicate-header': () => 'Некоторые названия столбцов повторяются — повторы пронумерованы.',
      'empty-rows-skipped': () => 'Пустые строки пропущены.',
      'other-sheets': () => 'В книге несколько листов; прочитан только первый.',
    },
    nothingMapped: 'Укажите, куда импортировать хотя бы один столбец.',
    check: 'Проверить строки',
    checking: (d, t) => `Проверено строк: ${d} из ${t}`,
    back: 'Назад',
    previewTitle: 'Проверьте перед импортом',
    wouldDo: (c, u, s, f) => `Новых: ${c}. Обновится: ${u}. Пропущено как дубли: ${s}. С ошибками (не будут импортированы): ${f}.`,
    previewCaption: 'Первые строки в том виде, в каком они будут импортированы',
    row: 'Строка',
    problems: 'Ошибки',
    ok: 'Без ошибок',
    errorsTitle: 'Строки с ошибками',
    errorAt: (r, c) => `Строка ${r}, столбец «${c}»`,
    errorInRow: (r) => `Строка ${r}`,
    moreErrors: (n) => `…и ещё ${n}`,
    importRows: (n) => `Импортировать (строк: ${n})`,
    importing: 'Импорт',
    progress: (d, t) => `Обработано ${d} из ${t} строк`,
    cancel: 'Отменить',
    doneTitle: 'Импорт завершён',
    cancelled: 'Импорт остановлен. Уже загруженные строки сохранены; их можно удалить кнопкой «Отменить импорт».',
    created: 'Создано',
    updated: 'Обновлено',
    skipped: 'Пропущено',
    failed: 'С ошибками',
    undo: 'Отменить импорт',
    undoing: 'Отменяем импорт…',
    undone: (r, s) => `Импорт отменён: удалено записей — ${r}, восстановлено — ${s}.`,
    keptAfterUndo: (n) => `Записи, изменённые после импорта, оставлены как есть: ${n}.`,
    another: 'Импортировать другой файл',
    failedAction: (r) => `Что-то пошло не так: ${r}`,
  },
  zh: {
    title: { contact: '导入联系人', company: '导入公司', lead: '导入线索', deal: '导入交易' },
    steps: ['文件', '列', '检查', '导入'],
    dropHint: '将 CSV、TSV 或 Excel（.xlsx）文件拖到这里，或',
    chooseFile: '选择文件',
    reading: '正在读取文件…',
    readFailed: (r) => `无法读取文件：${r}`,
    fileLabel: '文件',
    rowsInFile: (n) => `${n} 行`,
    encoding: '文本编码',
    delimiter: '列分隔符',
    delimiters: { comma: '逗号（,）', semicolon: '分号（;）', tab: '制表符', bar: '竖线（|）' },
    duplicates: '当某行与已有记录重复时',
    duplicateModes: { skip: '跳过该行', update: '更新已有记录', create: '仍然新建记录' },
    columns: '列',
    column: '文件中的列',
    example: '示例',
    target: '导入到',
    ignore: '不导入',
    targets: {
      id: 'crmkit ID', name: '姓名', 'name.first': '名', 'name.middle': '中间名', 'name.last': '姓', phone: '电话', email: '电子邮箱',
      position: '职位', city: '城市', website: '网站', address: '地址', note: '备注', message: '留言', tags: '标签', source: '来源',
      company: '公司', contact: '联系人', owner: '负责人', title: '交易名称', amount: '金额', currency: '币种', pipeline: '销售漏斗',
      stage: '阶段', closeDate: '预计成交日期',
    },
    custom: (n) => `自定义字段：${n}`,
    warningsTitle: '请注意',
    warnings: {
      'encoding-guessed': () => '文本编码是自动推测的。如果示例中出现乱码，请选择其他编码。',
      'delimiter-guessed': () => '列分隔符是自动推测的；如果列显示不对，请更换。',
      'ragged-row': (row) => `第 ${row ?? ''} 行的单元格数量与表头不同。`,
      'blank-header': () => '有一列没有标题，已按编号命名。',
      'duplicate-header': () => '部分列标题重复，重复项已编号。',
      'empty-rows-skipped': () => '已忽略空行。',
      'other-sheets': () => '工作簿有多个工作表，只读取了第一个。',
    },
    nothingMapped: '请至少为一列选择导入位置。',
    check: '检查数据行',
    checking: (d, t) => `正在检查：${d} / ${t} 行`,
    back: '返回',
    previewTitle: '导入前请检查',
    wouldDo: (c, u, s, f) => `新建：${c}。更新：${u}。作为重复跳过：${s}。有错误（不会导入）：${f}。`,
    previewCaption: '前几行的导入效果',
    row: '行',
    problems: '问题',
    ok: '正常',
    errorsTitle: '有错误的行',
    errorAt: (r, c) => `第 ${r} 行，“${c}”列`,
    errorInRow: (r) => `第 ${r} 行`,
    moreErrors: (n) => `……还有 ${n} 条`,
    importRows: (n) => `导入 ${n} 行`,
    importing: '正在导入',
    progress: (d, t) => `已处理 ${d} / ${t} 行`,
    cancel: '取消',
    doneTitle: '导入完成',
    cancelled: '导入已取消。取消前已导入的行会保留，可以通过撤销将其删除。',
    created: '新建',
    updated: '已更新',
    skipped: '已跳过',
    failed: '有错误',
    undo: '撤销本次导入',
    undoing: '正在撤销导入…',
    undone: (r, s) => `已撤销导入：删除 ${r} 条记录，恢复 ${s} 条。`,
    keptAfterUndo: (n) => `有 ${n} 条记录在导入后被修改过，已原样保留。`,
    another: '导入其他文件',
    failedAction: (r) => `出错了：${r}`,
  },
  mn: {
    title: { contact: 'Харилцагч импортлох', company: 'Байгууллага импортлох', lead: 'Боломжит харилцагч импортлох', deal: 'Хэлцэл импортлох' },
    steps: ['Файл', 'Баганууд', 'Шалгах', 'Импорт'],
    dropHint: 'CSV, TSV эсвэл Excel (.xlsx) файлаа энд чирж оруулна уу, эсвэл',
    chooseFile: 'Файл сонгох',
    reading: 'Файлыг уншиж байна…',
    readFailed: (r) => `Файлыг уншиж чадсангүй: ${r}`,
    fileLabel: 'Файл',
    rowsInFile: (n) => `${n} мөр`,
    encoding: 'Текстийн кодчилол',
    delimiter: 'Багана тусгаарлагч',
    delimiters: { comma: 'Таслал (,)', semicolon: 'Цэгтэй таслал (;)', tab: 'Табуляц', bar: 'Босоо зураас (|)' },
    duplicates: 'Мөр одоо байгаа бичлэгтэй давхцвал',
    duplicateModes: { skip: 'Мөрийг алгасах', update: 'Одоо байгаа бичлэгийг шинэчлэх', create: 'Ямар ч байсан шинээр үүсгэх' },
    columns: 'Баганууд',
    column: 'Файл дахь багана',
    example: 'Жишээ',
    target: 'Хаана орох',
    ignore: 'Импортлохгүй',
    targets: {
      id: 'crmkit ID', name: 'Нэр', 'name.first': 'Нэр', 'name.middle': 'Дунд нэр', 'name.last': 'Овог', phone: 'Утас', email: 'И-мэйл',
      position: 'Албан тушаал', city: 'Хот', website: 'Вэбсайт', address: 'Хаяг', note: 'Тэмдэглэл', message: 'Зурвас', tags: 'Шошго', source: 'Эх сурвалж',
      company: 'Байгууллага', contact: 'Харилцагч', owner: 'Хариуцагч', title: 'Хэлцлийн нэр', amount: 'Дүн', currency: 'Валют', pipeline: 'Борлуулалтын шат',
      stage: 'Үе шат', closeDate: 'Хаагдах төлөвлөсөн огноо',
    },
    custom: (n) => `Нэмэлт талбар: ${n}`,
    warningsTitle: 'Анхаарна уу',
    warnings: {
      'encoding-guessed': () => 'Текстийн кодчиллыг автоматаар таамагласан. Жишээнд үсэг эвдэрсэн харагдвал өөр кодчилол сонгоно уу.',
      'delimiter-guessed': () => 'Багана тусгаарлагчийг автоматаар таамагласан; баганууд буруу харагдвал солино уу.',
      'ragged-row': (row) => `${row ?? ''}-р мөрийн нүдний тоо толгой мөрөөс өөр байна.`,
      'blank-header': () => 'Нэг баганад гарчиг байхгүй тул дугаартай нэр өгсөн.',
      'duplicate-header': () => 'Зарим баганын гарчиг давхардсан тул дугаарлав.',
      'empty-rows-skipped': () => 'Хоосон мөрүүдийг алгаслаа.',
      'other-sheets': () => 'Ажлын номонд хэд хэдэн хуудас байгаа; зөвхөн эхнийхийг уншлаа.',
    },
    nothingMapped: 'Дор хаяж нэг баганыг хаана оруулахыг сонгоно уу.',
    check: 'Мөрүүдийг шалгах',
    checking: (d, t) => `Шалгаж байна: ${t}-с ${d} мөр`,
    back: 'Буцах',
    previewTitle: 'Импортлохын өмнө шалгана уу',
    wouldDo: (c, u, s, f) => `Шинэ: ${c}. Шинэчлэгдэх: ${u}. Давхардсан тул алгасах: ${s}. Алдаатай (импортлогдохгүй): ${f}.`,
    previewCaption: 'Эхний мөрүүд импортлогдох байдлаараа',
    row: 'Мөр',
    problems: 'Алдаа',
    ok: 'Зөв',
    errorsTitle: 'Алдаатай мөрүүд',
    errorAt: (r, c) => `${r}-р мөр, «${c}» багана`,
    errorInRow: (r) => `${r}-р мөр`,
    moreErrors: (n) => `…өөр ${n}`,
    importRows: (n) => `${n} мөр импортлох`,
    importing: 'Импортлож байна',
    progress: (d, t) => `${t}-с ${d} мөр боловсруулсан`,
    cancel: 'Цуцлах',
    doneTitle: 'Импорт дууслаа',
    cancelled: 'Импортыг цуцаллаа. Түүнээс өмнө орсон мөрүүд хадгалагдсан; буцаах товчоор устгаж болно.',
    created: 'Үүссэн',
    updated: 'Шинэчлэгдсэн',
    skipped: 'Алгассан',
    failed: 'Алдаатай',
    undo: 'Энэ импортыг буцаах',
    undoing: 'Импортыг буцааж байна…',
    undone: (r, s) => `Импортыг буцаалаа: ${r} бичлэг устгаж, ${s} бичлэгийг сэргээлээ.`,
    keptAfterUndo: (n) => `Импортын дараа өөрчлөгдсөн ${n} бичлэгийг хэвээр үлдээлээ.`,
    another: 'Өөр файл импортлох',
    failedAction: (r) => `Алдаа гарлаа: ${r}`,
  },
  uz: {
    title: { contact: 'Kontaktlarni import qilish', company: 'Kompaniyalarni import qilish', lead: 'Lidlarni import qilish', deal: 'Bitimlarni import qilish' },
    steps: ['Fayl', 'Ustunlar', 'Tekshiruv', 'Import'],
    dropHint: 'CSV, TSV yoki Excel (.xlsx) faylini shu yerga tashlang yoki',
    chooseFile: 'Faylni tanlang',
    reading: 'Fayl o‘qilmoqda…',
    readFailed: (r) => `Faylni o‘qib bo‘lmadi: ${r}`,
    fileLabel: 'Fayl',
    rowsInFile: (n) => `${n} ta qator`,
    encoding: 'Matn kodirovkasi',
    delimiter: 'Ustun ajratgichi',
    delimiters: { comma: 'Vergul (,)', semicolon: 'Nuqtali vergul (;)', tab: 'Tabulyatsiya', bar: 'Tik chiziq (|)' },
    duplicates: 'Qator mavjud yozuvga mos kelsa',
    duplicateModes: { skip: 'Qatorni o‘tkazib yuborish', update: 'Mavjud yozuvni yangilash', create: 'Baribir yangi yozuv yaratish' },
    columns: 'Ustunlar',
    column: 'Fayldagi ustun',
    example: 'Namuna',
    target: 'Qayerga',
    ignore: 'Import qilinmasin',
    targets: {
      id: 'crmkit ID', name: 'Ism', 'name.first': 'Ism', 'name.middle': 'Otasining ismi', 'name.last': 'Familiya', phone: 'Telefon', email: 'E-pochta',
      position: 'Lavozim', city: 'Shahar', website: 'Veb-sayt', address: 'Manzil', note: 'Izoh', message: 'Xabar', tags: 'Teglar', source: 'Manba',
      company: 'Kompaniya', contact: 'Kontakt', owner: 'Mas’ul', title: 'Bitim nomi', amount: 'Summa', currency: 'Valyuta', pipeline: 'Voronka',
      stage: 'Bosqich', closeDate: 'Kutilayotgan yopilish sanasi',
    },
    custom: (n) => `Qo‘shimcha maydon: ${n}`,
    warningsTitle: 'E’tibor bering',
    warnings: {
      'encoding-guessed': () => 'Matn kodirovkasi taxminan aniqlandi. Namunalarda harflar buzilgan bo‘lsa, boshqasini tanlang.',
      'delimiter-guessed': () => 'Ustun ajratgichi taxminan aniqlandi; ustunlar noto‘g‘ri ko‘rinsa, uni almashtiring.',
      'ragged-row': (row) => `${row ?? ''}-qatordagi katakchalar soni sarlavhadagidan farq qiladi.`,
      'blank-header': () => 'Bir ustunning nomi yo‘q, unga raqamli nom berildi.',
      'duplicate-header': () => 'Ba’zi ustun nomlari takrorlanadi; takrorlari raqamlandi.',
      'empty-rows-skipped': () => 'Bo‘sh qatorlar tashlab ketildi.',
      'other-sheets': () => 'Kitobda bir nechta varaq bor; faqat birinchisi o‘qildi.',
    },
    nothingMapped: 'Kamida bitta ustun qayerga borishini tanlang.',
    check: 'Qatorlarni tekshirish',
    checking: (d, t) => `Tekshirilmoqda: ${t} tadan ${d} ta qator`,
    back: 'Orqaga',
    previewTitle: 'Import qilishdan oldin tekshiring',
    wouldDo: (c, u, s, f) => `Yangi: ${c}. Yangilanadi: ${u}. Takror sifatida o‘tkazib yuboriladi: ${s}. Xatoli (import qilinmaydi): ${f}.`,
    previewCaption: 'Birinchi qatorlar import qilinadigan ko‘rinishda',
    row: 'Qator',
    problems: 'Xatolar',
    ok: 'Xatosiz',
    errorsTitle: 'Xatoli qatorlar',
    errorAt: (r, c) => `${r}-qator, “${c}” ustuni`,
    errorInRow: (r) => `${r}-qator`,
    moreErrors: (n) => `…va yana ${n} ta`,
    importRows: (n) => `${n} ta qatorni import qilish`,
    importing: 'Import qilinmoqda',
    progress: (d, t) => `${t} tadan ${d} ta qator bajarildi`,
    cancel: 'Bekor qilish',
    doneTitle: 'Import tugadi',
    cancelled: 'Import to‘xtatildi. Undan oldin kiritilgan qatorlar saqlanib qoldi; ularni importni qaytarish orqali o‘chirish mumkin.',
    created: 'Yaratildi',
    updated: 'Yangilandi',
    skipped: 'O‘tkazib yuborildi',
    failed: 'Xatoli',
    undo: 'Bu importni qaytarish',
    undoing: 'Import qaytarilmoqda…',
    undone: (r, s) => `Import qaytarildi: ${r} ta yozuv o‘chirildi, ${s} ta tiklandi.`,
    keptAfterUndo: (n) => `Importdan keyin o‘zgartirilgan ${n} ta yozuv o‘z holicha qoldirildi.`,
    another: 'Boshqa faylni import qilish',
    failedAction: (r) => `Nimadir xato ketdi: ${r}`,
  },
};

/** The translation registry namespace of these strings. */
export const IMPORT_WIZARD_NAMESPACE = 'crm-import-wizard';

let registered = false;

/** Registers the five languages in the widget translation registry (once; an app's own `registerTranslation` calls made later override single keys). */
export function registerImportWizardStrings(): void {
  if (registered) return;
  registered = true;
  for (const [locale, strings] of Object.entries(IMPORT_WIZARD_STRINGS)) registerTranslation(locale, { [IMPORT_WIZARD_NAMESPACE]: strings });
}
