// Share links and scenario files, in Node: a link gives back exactly the file and moment it was
// made from, and the same session state once replayed; a damaged, cut, edited or foreign link is
// named as such; an opened file that is not a scenario file says what is wrong and where.

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Session, type Frame } from '../../workers/session';
import {
  FILE_ROUTE,
  LINK_FORMAT,
  decodeShare,
  encodeShare,
  fromBase64Url,
  jsonProblemAt,
  readScenarioText,
  scenarioFileName,
  scenarioText,
  shareHash,
  toBase64Url
} from '../../src/app/share';

const DIR = join(__dirname, '../../public/scenarios');
const examples = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, file: JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Record<string, unknown> }));
const hyperv = examples.find((e) => e.name === 'hyperv-to-azure.json')!.file;

/** A payload framed like the page's own, from any format byte and body, with a correct check code. */
function framed(format: number, body: Uint8Array, declaredLength = body.length): string {
  const rest = new Uint8Array(5 + body.length);
  rest[0] = format;
  new DataView(rest.buffer).setUint32(1, declaredLength);
  rest.set(body, 5);
  const check = createHash('sha256').update(rest).digest().subarray(0, 8);
  return toBase64Url(new Uint8Array([...check, ...rest]));
}
const packed = (value: unknown): Uint8Array => deflateRawSync(Buffer.from(JSON.stringify(value)));

/** One character of the payload replaced by another base64url character. */
function changeOne(payload: string, index: number, shift = 1): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const c = alphabet[(alphabet.indexOf(payload[index]!) + shift) % 64]!;
  return payload.slice(0, index) + c + payload.slice(index + 1);
}

async function failure(payload: string): Promise<string> {
  const out = await decodeShare(payload);
  if (out.ok) throw new Error('the link was accepted');
  return out.message;
}

describe('share links', () => {
  it('give back every example file and the moment exactly, in a payload that needs no escaping', async () => {
    for (const { file } of examples) {
      const payload = await encodeShare(file, 4 * 3600 + 12.5);
      expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(await decodeShare(payload)).toEqual({ ok: true, file, at: 4 * 3600 + 12.5 });
    }
    expect(await shareHash(hyperv, 0)).toMatch(new RegExp(`^${FILE_ROUTE}[A-Za-z0-9_-]+$`));
  });

  it('are compact: the example files fit well under a thousand characters', async () => {
    for (const { name, file } of examples) {
      const payload = await encodeShare(file, 3600);
      expect(payload.length, name).toBeLessThan(JSON.stringify(file).length);
      expect(payload.length, name).toBeLessThan(1000);
    }
  });

  it('replay a session played in ticks with an action taken to the same state', async () => {
    const frames: Frame[] = [];
    const a = new Session((f) => frames.push(f));
    expect(a.open(hyperv).ok).toBe(true);
    a.setSpeed(3600);
    a.play();
    for (let i = 0; i < 250; i++) a.tick(16.7); // about 4 h 10 min in uneven slices, as the page plays
    a.pause();
    expect(a.act({ do: 'fault', fault: 'linkDegraded', target: 'uplink', bandwidthPercent: 10, for: '2h' })).toEqual({ ok: true, rejected: null });
    a.play();
    for (let i = 0; i < 40; i++) a.tick(33);
    a.pause();
    const shared = frames.at(-1)!.live;

    const opened = await decodeShare(await encodeShare(a.file(), shared.now));
    if (!opened.ok) throw new Error(opened.message);
    const replayFrames: Frame[] = [];
    const b = new Session((f) => replayFrames.push(f));
    expect(b.open(opened.file).ok).toBe(true);
    b.seek(opened.at);
    const replayed = replayFrames.at(-1)!.live;

    expect({ ...replayed, events: [], eventsFrom: 0 }).toEqual({ ...shared, events: [], eventsFrom: 0 });
    // Every event, the user's fault among them, in the same order with the same words.
    const all = (fs: Frame[]) => fs.flatMap((f) => f.live.events).map((e) => `${e.at} ${e.code} ${e.message}`);
    expect(all(replayFrames)).toEqual(all(frames));
    expect(all(replayFrames).some((e) => /fault/.test(e) && /uplink/.test(e))).toBe(true);
  });

  it('name a changed character as a change, in every part of the link', async () => {
    const payload = await encodeShare(hyperv, 7200);
    for (const i of [0, 5, 11, 12, 17, 40, Math.floor(payload.length / 2), payload.length - 2, payload.length - 1]) {
      expect(await failure(changeOne(payload, i)), `character ${i}`).toMatch(/^This link (was changed after it was made|is incomplete|is damaged)/);
    }
    expect(await failure(changeOne(payload, Math.floor(payload.length / 2)))).toMatch(/^This link was changed after it was made: .*Ask for the link again/);
  });

  it('say a cut link is incomplete and how much is missing', async () => {
    const payload = await encodeShare(hyperv, 7200);
    expect(await failure(payload.slice(0, -25))).toBe(
      `This link is incomplete: it was made ${payload.length} characters long and the last 25 are missing. Copy the whole link; some apps cut long links.`
    );
    expect(await failure(payload.slice(0, 10))).toMatch(/^This link is incomplete: its scenario part is only 10 characters long/);
    expect(await failure('')).toMatch(/^This link is incomplete: the scenario part after "#\/file\/" is missing/);
    expect(await failure(payload + 'Ab')).toMatch(/^This link is damaged: it has 2 extra characters at the end/);
  });

  it('say garbage is damaged and where the first wrong character is', async () => {
    expect(await failure('hello world')).toMatch(/^This link is damaged: it contains " " at character 6/);
    expect(await failure('abc%20def')).toMatch(/contains "%" at character 4/);
    // Base64 text that is not one of our links: its header is none the sandbox writes.
    expect(await failure('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toMatch(/^This is not a share link of this sandbox/);
    expect(await failure(btoa('{"some":"other base64 text of a page, with a length in it"}').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))).toMatch(/^This is not a share link of this sandbox/);
  });

  it('say a link from another version of the sandbox is one, and what is inside a foreign but intact link', async () => {
    expect(await failure(framed(LINK_FORMAT + 1, packed({ file: hyperv, at: 0 })))).toBe(
      `This link was made by another version of the sandbox (link format ${LINK_FORMAT + 1}; this page reads format ${LINK_FORMAT}). Reload the page to get the newest version, then open the link again.`
    );
    expect(await failure(framed(LINK_FORMAT, packed([1, 2, 3])))).toMatch(/^This link does not hold a scenario file/);
    expect(await failure(framed(LINK_FORMAT, packed({ file: { title: 'no scenario' }, at: 0 })))).toMatch(/^This link does not hold a scenario file/);
    expect(await failure(framed(LINK_FORMAT, packed({ file: hyperv, at: -5 })))).toMatch(/the time it should open at is not a time/);
    expect(await failure(framed(LINK_FORMAT, new Uint8Array([255, 1, 2, 3, 4])))).toMatch(/^This link is damaged: its contents cannot be unpacked/);
    expect(await failure(framed(LINK_FORMAT, deflateRawSync(Buffer.from('{"file": ')))) ).toMatch(/cannot be unpacked/);
    // A small link that would unpack to megabytes is refused before it is.
    expect(await failure(framed(LINK_FORMAT, deflateRawSync(Buffer.alloc(3_000_000, 32))))).toMatch(/larger than 2 MB/);
    // The framing itself round trips: the page reads what the test builds.
    expect(await decodeShare(framed(LINK_FORMAT, packed({ file: hyperv, at: 60 })))).toEqual({ ok: true, file: hyperv, at: 60 });
  });

  it('round trip any JSON object with a scenario, at any moment (property)', async () => {
    const file = fc.record({ scenario: fc.string(), extra: fc.dictionary(fc.string(), fc.jsonValue()) }).map(({ scenario, extra }) => ({ ...extra, scenario }));
    await fc.assert(
      fc.asyncProperty(file, fc.double({ min: 0, max: 400 * 86400, noNaN: true }), async (f, at) => {
        const out = await decodeShare(await encodeShare(f, at));
        expect(out).toEqual({ ok: true, file: JSON.parse(JSON.stringify(f)), at: JSON.parse(JSON.stringify(at)) });
      }),
      { seed: 4181, numRuns: 200 }
    );
  });

  it('never take a changed or cut link for a good one (property)', async () => {
    const payload = await encodeShare(hyperv, 5400);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: payload.length - 1 }), fc.integer({ min: 1, max: 63 }), fc.nat({ max: payload.length - 1 }), async (i, shift, cut) => {
        expect((await decodeShare(changeOne(payload, i, shift))).ok).toBe(false);
        expect((await decodeShare(payload.slice(0, cut))).ok).toBe(false);
      }),
      { seed: 4181, numRuns: 300 }
    );
  });

  it('never throw on any text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        const out = await decodeShare(text);
        expect(out.ok).toBe(false);
        if (!out.ok) expect(out.message).toMatch(/^This link /);
      }),
      { seed: 4181, numRuns: 300 }
    );
  });

  it('base64url: bytes round trip, with no padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
      { seed: 4181, numRuns: 300 }
    );
  });
});

describe('opened scenario files', () => {
  it('accept a JSON object, with or without a byte-order mark', () => {
    expect(readScenarioText(JSON.stringify(hyperv), 'a.json')).toEqual({ ok: true, file: hyperv });
    expect(readScenarioText(`\uFEFF{"scenario":"vmm-san"}`, 'a.json')).toEqual({ ok: true, file: { scenario: 'vmm-san' } });
  });

  it('say what is wrong with text that is not a scenario file, and where', () => {
    const msg = (text: string) => {
      const out = readScenarioText(text, 'notes.json');
      return out.ok ? 'accepted' : out.message;
    };
    expect(msg('{\n  "scenario": "vmm-san",\n  "seed": 7,\n}\n')).toBe('notes.json is not a scenario file: it is not valid JSON (unexpected "}" at line 4, column 1).');
    expect(msg('{ "scenario": "vmm-san", "seed": ')).toBe(
      'notes.json is not a scenario file: it is not valid JSON (it ends too early, at line 1, column 34: something is missing, such as a closing " } or ]).'
    );
    expect(msg('{"title": "a\ttab"}')).toMatch(/unexpected control character U\+0009 at line 1, column 13/);
    expect(msg('scenario: vmm-san')).toMatch(/unexpected "s" at line 1, column 1/);
    expect(msg('[{"scenario": "vmm-san"}]')).toMatch(/^notes.json is not a scenario file: it holds a list, and a scenario file is a JSON object/);
    expect(msg('null')).toMatch(/it holds null/);
    expect(msg('42')).toMatch(/it holds a number/);
    expect(msg('  \n')).toMatch(/^notes.json is empty/);
  });

  it('find the first wrong character exactly where JSON.parse fails, and only then (property)', () => {
    const parses = (s: string) => {
      try {
        JSON.parse(s);
        return true;
      } catch {
        return false;
      }
    };
    const mutated = fc
      .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '\t', '0', '-', '.', 'e', 'x', 'n', 'u'), fc.boolean())
      .map(([json, i, c, replace]) => {
        const at = i % (json.length + 1);
        return json.slice(0, at) + c + json.slice(replace ? at + 1 : at);
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mutated), (text) => {
        expect(jsonProblemAt(text) === undefined).toBe(parses(text));
      }),
      { seed: 4181, numRuns: 2000 }
    );
  });

  it('download as readable JSON named after the scenario', () => {
    expect(scenarioFileName(hyperv)).toBe('hyperv-to-azure.json');
    expect(scenarioFileName({ scenario: '../x y' })).toBe('x-y.json');
    expect(scenarioFileName({})).toBe('scenario.json');
    expect(JSON.parse(scenarioText(hyperv))).toEqual(hyperv);
    expect(scenarioText(hyperv)).toMatch(/^\{\n {2}"scenario": "hyperv-to-azure",\n[\s\S]*\}\n$/);
  });
});
