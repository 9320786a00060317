// What the engine said, in the page's language: the engine sends each sentence as a code with its
// parameters beside its English; the page renders the code in Dutch when the page speaks Dutch.
// The engine's catalogues load only when another language than English is first needed, so an
// English page carries none of them.

import type { Message } from '../../engine/messages/message';
import type { TextLanguage } from '../../engine/text';
import { language } from './language.svelte';

let render = $state.raw<((language: TextLanguage, message: Message) => string) | undefined>();
let loading = false;

/** Loads the engine's catalogues (once); until they are there, texts read in English. */
export function loadEngineText(): void {
  if (render || loading) return;
  loading = true;
  void import('../../engine/text').then(
    (t) => (render = t.textIn),
    () => (loading = false)
  );
}

/** An event's sentence (or any engine text that carries its message) in the page's language. */
export function eventText(e: { message: string; text?: Message }): string {
  const l = language();
  if (l === 'en' || !e.text) return e.message;
  if (!render) {
    loadEngineText();
    return e.message;
  }
  return render(l, e.text);
}
