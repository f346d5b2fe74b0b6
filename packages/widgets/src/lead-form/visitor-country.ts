// The visitor's country, for reading a phone number typed without "+" in the visitor's national format rather than
// the CRM's (a visitor in Kazakhstan types `8 701 …`, one in Uzbekistan `90 123 …`). Built on Intl.Locale: no phone
// metadata travels to the visitor; the receiver (the intake, or core on the page) does the parsing.

const CODE = /^[A-Za-z]{2}$/;

function regionOf(tag: string | null | undefined): string | undefined {
  if (!tag) return undefined;
  try {
    const region = new Intl.Locale(tag).region;
    return region && CODE.test(region) ? region.toUpperCase() : undefined;
  } catch {
    return undefined; // not a language tag
  }
}

/**
 * The country to read the visitor's phone in: the form's `country`, else the region of the nearest `lang`
 * (`ru-KZ`), else the first of the browser's languages that names one (`kk-KZ`, `uz-UZ`); `undefined` when
 * nothing says (the receiver then uses the CRM's default country).
 */
export function visitorCountry(form: Element & { country?: string }): string | undefined {
  if (form.country && CODE.test(form.country.trim())) return form.country.trim().toUpperCase();
  const fromLang = regionOf(form.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang);
  if (fromLang) return fromLang;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const region = regionOf(tag);
    if (region) return region;
  }
  return undefined;
}
