// Sample files in the shapes other CRMs and Excel export, built in the page.

/** Windows-1251 bytes of `text` (the encoding Bitrix24 and 1C export in). */
function windows1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0x80; b < 0x100; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from(text, (ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : (table.get(ch) ?? 0x3f)));
}

/** UTF-16 LE bytes with a BOM (Excel's "Unicode text"). */
function utf16le(text: string): Uint8Array {
  const units = '\ufeff' + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    out[i * 2] = units.charCodeAt(i) & 0xff;
    out[i * 2 + 1] = units.charCodeAt(i) >> 8;
  }
  return out;
}

const BITRIX =
  'ID;Имя;Фамилия;Рабочий телефон;Рабочий e-mail;Компания;Должность;Ответственный\r\n' +
  '1;Иван;Петров;8 (903) 095-27-29;ivan@example.ru;ООО Ромашка;Директор;Анна Петрова\r\n' +
  '2;Ольга;Кузнецова;+7 903 111-22-33;не-почта;ООО Ромашка;Бухгалтер;\r\n' +
  '3;Пётр;Иванов;+7 903 0952729;petr@example.ru;ИП Сидоров;;Никто\r\n' +
  '4;Мария;Соколова;+7 (916) 555-01-02;maria@example.ru;"ООО ""Вектор""";Менеджер;\r\n';

const EXCEL = 'Name\tPhone\tEmail\tCity\r\n王伟\t+86 138 0013 8000\twang@example.cn\t北京\r\nFrançois Dupont\t+33 6 12 34 56 78\tfrancois@example.fr\tLyon\r\nBat-Erdene\t+976 9911 2233\tbat@example.mn\tУлаанбаатар\r\n';

const AMO =
  '\ufeffПолное имя,Телефон,Email,Компания,Примечание\r\n' +
  'Dilnoza Karimova,+998 90 123 45 67,dilnoza@example.uz,Tashkent Trade,"Звонила 12.03.2025\r\nпросила КП"\r\n' +
  'Алексей Смирнов,+7 999 123-45-67,alexey@example.ru,,"Встреча в офисе, 3 этаж"\r\n';

const FIRST = ['Иван', 'Ольга', 'Пётр', 'Анна', 'John', 'Mary', 'Bat-Erdene', 'Dilnoza', '伟', '娜'];
const LAST = ['Петров', 'Смирнова', 'Smith', 'Brown', 'Ganbold', 'Karimova', '张', '王'];

function big(n: number): string {
  const lines = ['Имя,Фамилия,Телефон,Email,Компания,Город'];
  for (let i = 0; i < n; i++) {
    const phone = `+7 9${String(10 + (i % 89)).padStart(2, '0')} ${String(1000000 + i).slice(-7, -4)}-${String(i).padStart(4, '0').slice(-4, -2)}-${String(i).slice(-2).padStart(2, '0')}`;
    lines.push(`${FIRST[i % FIRST.length]},${LAST[(i * 7) % LAST.length]},${phone},user${i}@example.com,"Компания ${i % 5000}, ООО",${i % 2 ? 'Москва' : '北京'}`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** One of the sample files, as a `File` the wizard reads like a dropped one. */
export function sampleFile(kind: 'bitrix' | 'excel' | 'amo' | 'big'): File {
  if (kind === 'bitrix') return new File([windows1251(BITRIX) as BlobPart], 'bitrix24-contacts.csv', { type: 'text/csv' });
  if (kind === 'excel') return new File([utf16le(EXCEL) as BlobPart], 'excel-unicode.txt', { type: 'text/plain' });
  if (kind === 'amo') return new File([AMO], 'amocrm-export.csv', { type: 'text/csv' });
  return new File([big(50_000)], 'contacts-50000.csv', { type: 'text/csv' });
}
