// A sentence of the engine as data: a stable code and its parameters, rendered for people by a
// catalogue (English in en.ts; the page may bring others). Parameters are raw values (seconds,
// bytes, ids, counts), so each language formats them its own way; a nested message is a reason
// inside a sentence.

export type MessageParam = string | number | boolean | null | Message | readonly string[];

/** A reason inside a sentence: a message, or a phrase still given in English. */
export type Text = string | Message;

export interface Message {
  code: string;
  params: Readonly<Record<string, MessageParam>>;
}
