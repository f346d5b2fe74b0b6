import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { requestedLocale } from '../shared/widget-locale.js';
import { intlTag } from './intl-tag.js';
import { onTranslationsChanged, resolveTranslationLocale, translate, type StringTable } from './translation-registry.js';

/** A widget that has a `locale` property (empty: follow the nearest `lang`). */
export type TranslatedHost = ReactiveControllerHost & HTMLElement & { locale?: string };

/**
 * Gives a widget its strings from the translation registry and re-renders it
 * when the language changes: its `locale` property, the `lang` attribute of
 * the page (`<html lang>`) or of the element itself, or a registration that
 * adds or overrides strings.
 *
 * ```ts
 * class MyReport extends LitElement {
 *   @property() locale = '';
 *   private i18n = new TranslationController<MyStrings>(this, 'my-plugin');
 *   render() { return html`<h2>${this.i18n.t.title}</h2>`; }
 * }
 * ```
 */
export class TranslationController<T extends StringTable> implements ReactiveController {
  private stop: (() => void) | undefined;
  private observer: MutationObserver | undefined;

  constructor(
    private readonly host: TranslatedHost,
    /** The registry namespace the widget reads. */
    readonly namespace: string,
  ) {
    host.addController(this);
  }

  /** The tag asked for: `locale`, else the nearest `lang`, else the browser's language (e.g. `ru-KZ`). */
  get requested(): string {
    return requestedLocale(this.host, this.host.locale);
  }

  /** The registered tag the strings come from (`ru` for `ru-KZ` when only `ru` is registered). */
  get locale(): string {
    return resolveTranslationLocale(this.requested, this.namespace);
  }

  /** The tag for `Intl` formatting (script added for `uz`/`mn`; a region asked for is kept). */
  get intl(): string {
    const requested = this.requested;
    return intlTag(requested.split(/[-_]/)[0]?.toLowerCase() === this.locale ? requested : this.locale);
  }

  /** The strings, each key from the most specific registered tag (falling back to English). */
  get t(): T {
    return translate<T>(this.namespace, this.requested);
  }

  hostConnected(): void {
    this.stop = onTranslationsChanged(() => this.host.requestUpdate());
    if (typeof MutationObserver !== 'undefined') {
      this.observer = new MutationObserver(() => this.host.requestUpdate());
      this.observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
      this.observer.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    }
  }

  hostDisconnected(): void {
    this.stop?.();
    this.observer?.disconnect();
  }
}
