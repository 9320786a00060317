// The page's language: English or Dutch, chosen from what the reader chose before (kept in
// localStorage), else the browser's languages, else English. Every text of the page comes from the
// compiled catalogues (src/app/i18n/{en,nl}.json through paraglide, and the engine's codes through
// its own catalogues); the locale they read is a rune here, so switching re-renders every text in
// place: no reload, and the simulation, its moment and its speed stay as they were.

import { getLocale, locales, overwriteGetLocale, setLocale, type Locale } from '../../paraglide/runtime';

const initial = readInitial();
let current = $state<Locale>(initial);

function readInitial(): Locale {
  try {
    return getLocale();
  } catch {
    // Storage that is blocked (an embed in a sandboxed frame) or no match: English.
    return 'en';
  }
}

overwriteGetLocale(() => current);
/** The page's root element, to say its language on (none in Node). */
const root = (globalThis as { document?: { documentElement: { lang: string } } }).document?.documentElement;
if (root) root.lang = initial;

/** The page's language now (reading it makes a text follow it). */
export function language(): Locale {
  return current;
}

/** The languages the page speaks, each named in itself. */
export const LANGUAGES: ReadonlyArray<{ locale: Locale; name: string }> = locales.map((locale) => ({ locale, name: locale === 'nl' ? 'Nederlands' : 'English' }));

/** Switches the page's language in place and remembers the choice where storage allows. */
export function setLanguage(locale: Locale): void {
  if (locale === current) return;
  try {
    void setLocale(locale, { reload: false });
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
  current = locale;
  if (root) root.lang = locale;
}
