// The engine's sentences in a language, for the page: every message the engine produces is a code
// with parameters (messages/), rendered here by the English or the Dutch catalogue. A reader: it
// looks at what the run said and changes nothing.

import { english, type Message } from './messages/index';
import { dutch } from './messages/nl';

export type { Message };

/** The languages the engine's messages are written in. */
export type TextLanguage = 'en' | 'nl';

/** A message in a language. */
export function textIn(language: TextLanguage, message: Message): string {
  return language === 'nl' ? dutch(message) : english(message);
}
