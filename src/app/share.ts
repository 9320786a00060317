// Share links and scenario files. A link carries the scenario file (seed, settings and every action
// taken, as steps) and the simulated time the sharer was at, compressed and with a check code, so a
// damaged, cut or edited link is caught and named. Pure: runs in the browser and in Node 20.

import { NESTING_MESSAGE, shortPath, tooDeep } from './nesting';
/** The link format this page writes and reads. */
export const LINK_FORMAT = 1;
/** A link's route: `#/file/<payload>`. */
export const FILE_ROUTE = '#/file/';
/** Largest scenario a link or an imported file may hold once unpacked (bytes of JSON). */
export const MAX_FILE_BYTES = 2_000_000;

// Payload bytes: check (8) | format (1) | body length (4, big-endian) | body (deflate-raw of the
// UTF-8 JSON `{"file": ..., "at": ...}`). The check is the first 8 bytes of SHA-256 over everything
// after it. It finds accidental damage and hand edits; it is not a signature (anyone can make a link).
const CHECK_BYTES = 8;
const HEADER_BYTES = CHECK_BYTES + 1 + 4;

export type ScenarioFile = Record<string, unknown>;
export type Decoded = { ok: true; file: ScenarioFile; at: number } | { ok: false; message: string };
export type ReadFile = { ok: true; file: ScenarioFile } | { ok: false; message: string };

// Browsers give pages crypto.subtle only in secure contexts.
const NO_CHECK = 'share links need the page to be opened over https or from this computer, where the browser lets it compute check codes.';
const AGAIN = 'Ask for the link again, or open a scenario from the list below.';

/** The payload of a link to `file` at simulated second `at` (base64url, no padding). */
export async function encodeShare(file: ScenarioFile, at: number): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify({ file, at: Number.isFinite(at) ? Math.max(0, at) : 0 }));
  const body = await transform(json, new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(HEADER_BYTES + body.length);
  bytes[CHECK_BYTES] = LINK_FORMAT;
  new DataView(bytes.buffer).setUint32(CHECK_BYTES + 1, body.length);
  bytes.set(body, HEADER_BYTES);
  const sum = await check(bytes.subarray(CHECK_BYTES));
  if (!sum) throw new Error(NO_CHECK);
  bytes.set(sum, 0);
  return toBase64Url(bytes);
}

/** The route of a link: `#/file/<payload>`. */
export async function shareHash(file: ScenarioFile, at: number): Promise<string> {
  return FILE_ROUTE + (await encodeShare(file, at));
}

/** Reads a link's payload back, or says in plain words what is wrong with it. */
export async function decodeShare(payload: string): Promise<Decoded> {
  const text = payload.trim();
  if (text === '') return { ok: false, message: `This link is incomplete: the scenario part after "${FILE_ROUTE}" is missing. ${AGAIN}` };
  const bad = /[^A-Za-z0-9_-]/.exec(text);
  if (bad) return { ok: false, message: `This link is damaged: it contains "${bad[0]}" at character ${bad.index + 1} of its scenario part, which a share link never has. ${AGAIN}` };
  const bytes = fromBase64Url(text);
  if (bytes.length < HEADER_BYTES) return { ok: false, message: `This link is incomplete: its scenario part is only ${text.length} characters long. Copy the whole link; some apps cut long links.` };
  const bodyBytes = new DataView(bytes.buffer).getUint32(CHECK_BYTES + 1);
  const made = base64Length(HEADER_BYTES + bodyBytes);
  // A header no version of the sandbox writes (an unknown format, with a length that does not fit
  // the text or any file the sandbox opens): some other base64 text. A link of ours that was cut or
  // had a character changed keeps at least its format or its length.
  const format = bytes[CHECK_BYTES]!;
  const knownFormat = format >= 1 && format <= LINK_FORMAT + 8;
  if (!knownFormat && (bodyBytes > MAX_FILE_BYTES || text.length !== made)) {
    return { ok: false, message: `This is not a share link of this sandbox: its scenario part does not start the way the sandbox writes links. ${AGAIN}` };
  }
  if (text.length < made) {
    return { ok: false, message: `This link is incomplete: it was made ${made} characters long and the last ${made - text.length} are missing. Copy the whole link; some apps cut long links.` };
  }
  if (text.length > made) return { ok: false, message: `This link is damaged: it has ${text.length - made} extra characters at the end. ${AGAIN}` };
  const sum = await check(bytes.subarray(CHECK_BYTES));
  if (sum === undefined) return { ok: false, message: `This link cannot be checked here: ${NO_CHECK}` };
  if (sum.some((b, i) => b !== bytes[i]) || toBase64Url(bytes) !== text) {
    return { ok: false, message: `This link was changed after it was made: its contents no longer match its check code, so it may not show what was shared. ${AGAIN}` };
  }
  if (format !== LINK_FORMAT) {
    return { ok: false, message: `This link was made by another version of the sandbox (link format ${format}; this page reads format ${LINK_FORMAT}). Reload the page to get the newest version, then open the link again.` };
  }
  const json = await inflate(bytes.subarray(HEADER_BYTES));
  if (json === 'too-big') return { ok: false, message: `This link holds a scenario larger than ${MAX_FILE_BYTES / 1e6} MB, more than the sandbox opens.` };
  let data: unknown;
  try {
    data = json === undefined ? undefined : JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    data = undefined;
  }
  if (data === undefined) return { ok: false, message: `This link is damaged: its contents cannot be unpacked. ${AGAIN}` };
  if (!isObject(data) || !isObject(data.file) || typeof data.file.scenario !== 'string') {
    return { ok: false, message: `This link does not hold a scenario file. ${AGAIN}` };
  }
  const at = data.at;
  if (typeof at !== 'number' || !Number.isFinite(at) || at < 0) return { ok: false, message: `This link is damaged: the time it should open at is not a time. ${AGAIN}` };
  const deep = tooDeep(data.file);
  if (deep !== undefined) return { ok: false, message: `This link does not hold a scenario file: ${shortPath(deep)} ${NESTING_MESSAGE}.` };
  return { ok: true, file: data.file, at };
}

/** Reads the text of a file someone opened or dropped as a scenario file (a JSON object). */
export function readScenarioText(text: string, name: string): ReadFile {
  if (text.length > MAX_FILE_BYTES) return { ok: false, message: `${name} is too large for a scenario file (more than ${MAX_FILE_BYTES / 1e6} MB).` };
  if (text.trim() === '') return { ok: false, message: `${name} is empty: a scenario file is JSON, such as { "scenario": "vmware-to-azure" }.` };
  let data: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, message: `${name} is not a scenario file: it is not valid JSON (${jsonError(e, json)}).` };
  }
  if (!isObject(data)) {
    const kind = Array.isArray(data) ? 'a list' : data === null ? 'null' : `a ${typeof data}`;
    return { ok: false, message: `${name} is not a scenario file: it holds ${kind}, and a scenario file is a JSON object such as { "scenario": "vmware-to-azure" }.` };
  }
  const deep = tooDeep(data);
  if (deep !== undefined) return { ok: false, message: `${name} is not a scenario file: ${shortPath(deep)} ${NESTING_MESSAGE}.` };
  return { ok: true, file: data };
}

/** The text of a scenario file for download: readable JSON with a final newline. */
export function scenarioText(file: ScenarioFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A download name for a scenario file: `<scenario>.json`. */
export function scenarioFileName(file: ScenarioFile): string {
  const id = typeof file.scenario === 'string' ? file.scenario.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') : '';
  return `${id || 'scenario'}.json`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What is wrong with text JSON.parse refused, and where (its own message does not always say). */
function jsonError(e: unknown, text: string): string {
  const at = jsonProblemAt(text);
  if (at === undefined) return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
  const before = text.slice(0, at);
  const where = `line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
  if (at >= text.length) return `it ends too early, at ${where}: something is missing, such as a closing " } or ]`;
  const c = text.codePointAt(at)!;
  const found = c < 0x20 ? `control character U+${c.toString(16).padStart(4, '0').toUpperCase()}` : `"${String.fromCodePoint(c)}"`;
  return `unexpected ${found} at ${where}`;
}

/** Index of the first character where JSON text goes wrong (its length if it ends too early), or undefined if it is valid. */
export function jsonProblemAt(text: string): number | undefined {
  let i = 0;
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): boolean => {
    for (i++; i < text.length; ) {
      const c = text[i]!;
      if (c === '"') return (i++, true);
      if (c < ' ') return false;
      if (c !== '\\') i++;
      else if ('"\\/bfnrt'.includes(text[i + 1] ?? 'x')) i += 2;
      else if (text[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
      else return (i++, false);
    }
    return false;
  };
  const items = (close: string, item: () => boolean): boolean => {
    i++;
    space();
    if (text[i] === close) return (i++, true);
    for (;;) {
      if (!item()) return false;
      space();
      if (text[i] === close) return (i++, true);
      if (text[i] !== ',') return false;
      i++;
    }
  };
  const value = (): boolean => {
    space();
    const c = text[i];
    if (c === '{') {
      return items('}', () => {
        space();
        if (text[i] !== '"' || !string()) return false;
        space();
        if (text[i] !== ':') return false;
        i++;
        return value();
      });
    }
    if (c === '[') return items(']', value);
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    const n = NUMBER.exec(text);
    if (n) return ((i += n[0].length), true);
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    return word ? ((i += word.length), true) : false;
  };
  try {
    if (value()) {
      space();
      if (i === text.length) return undefined;
    }
  } catch {
    return undefined; // nested too deep to follow: JSON.parse's own message is used
  }
  return Math.min(i, text.length);
}

async function check(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  return new Uint8Array(await subtle.digest('SHA-256', bytes), 0, CHECK_BYTES);
}

async function transform(bytes: Uint8Array<ArrayBuffer>, through: CompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(through)).arrayBuffer());
}

/** Unpacks a body, stopping at MAX_FILE_BYTES so a small link cannot unpack to gigabytes. */
async function inflate(body: Uint8Array<ArrayBuffer>): Promise<Uint8Array | 'too-big' | undefined> {
  const reader = new Blob([body]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_FILE_BYTES) {
        await reader.cancel().catch(() => undefined);
        return 'too-big';
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

function base64Length(bytes: number): number {
  return Math.ceil((bytes * 4) / 3);
}

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, base64Length(bytes.length - i));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Bytes of base64url text (alphabet already checked); a last character's unused bits are dropped. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const c of text) {
    acc = ((acc << 6) | (VALUE.get(c) ?? 0)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
