import { expect } from '@open-wc/testing';
import { createTranslationRegistrar } from './translation-registrar.js';
import { registerTranslation, translate } from './translation-registry.js';

interface GreetingStrings {
  hello: string;
}

describe('createTranslationRegistrar', () => {
  it('registers a package’s tables on the first call only, so an app’s later override stays', () => {
    const register = createTranslationRegistrar({
      en: { 'registrar-test': { hello: 'Hello' } satisfies GreetingStrings },
      ru: { 'registrar-test': { hello: 'Привет' } satisfies GreetingStrings },
    });
    expect(() => translate<GreetingStrings>('registrar-test', 'ru')).to.throw('No English strings');
    register();
    expect(translate<GreetingStrings>('registrar-test', 'ru-KZ').hello).to.equal('Привет');
    registerTranslation('ru', { 'registrar-test': { hello: 'Здравствуйте' } });
    register();
    expect(translate<GreetingStrings>('registrar-test', 'ru').hello).to.equal('Здравствуйте');
    expect(translate<GreetingStrings>('registrar-test', 'en').hello).to.equal('Hello');
  });

  it('keeps what an app registered before the package’s first widget looked up its strings', () => {
    registerTranslation('ru', { 'registrar-early': { hello: 'Добрый день' } });
    const register = createTranslationRegistrar({
      en: { 'registrar-early': { hello: 'Hello' } satisfies GreetingStrings },
      ru: { 'registrar-early': { hello: 'Привет' } satisfies GreetingStrings },
    });
    register();
    expect(translate<GreetingStrings>('registrar-early', 'ru').hello).to.equal('Добрый день');
    expect(translate<GreetingStrings>('registrar-early', 'en').hello).to.equal('Hello');
  });
});
