// The message codes and their parameters, as the English catalogue defines them: a code without
// English text, or a message with wrong parameters, does not compile.

import { en } from './en';
import type { Message } from './message';

export type { Message, MessageParam, Text } from './message';
export { english, englishText, isMessage } from './en';

/** Every message code the engine can produce. */
export type MessageCode = keyof typeof en;
/** The parameters of each code. */
export type MessageParams = { [K in MessageCode]: Parameters<(typeof en)[K]> extends [] ? Record<string, never> : Parameters<(typeof en)[K]>[0] };
/** A catalogue of another language: one renderer for every code. */
export type Catalogue = { [K in MessageCode]: (params: MessageParams[K]) => string };

/** A message of a known code with its parameters. */
export function msg<K extends MessageCode>(code: K, params: MessageParams[K]): Message {
  return { code, params: params as Message['params'] };
}

/** The codes of the English catalogue. */
export const MESSAGE_CODES = Object.keys(en) as MessageCode[];
