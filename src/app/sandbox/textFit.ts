// How wide text is on the drawings, and how to make it fit: the sizes the topology uses, widths
// from the metrics of DejaVu Sans (the widest of the common system fonts, so text measured with
// them fits in any of them), a line shortened to a width, and a label wrapped into lines.

/** Font sizes the drawing uses (the view sets them from here, so the boxes fit the text). */
export const FONT = { site: 15, node: 13, state: 12, label: 12 } as const;

/** A label wider than this wraps into lines. */
export const MAX_LABEL_W = 165;

// Advance widths (thousandths of an em) of the printable ASCII characters in DejaVu Sans, measured
// in Chromium.
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575,
  775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974,
  634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838
];
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683,
  821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042,
  712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838
];

/** The width of a line of text at a font size (px), bold or not; other characters count as a full em. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c >= 32 && c < 127 ? table[c - 32]! : 1000;
  }
  return (w / 1000) * size;
}


const stateWidth = (text: string) => textWidth(text, FONT.state);

/**
 * Parts of a node's state line ("3 protected", "1 resyncing"), as many as fit in `width` px, the
 * rest counted as "+N more" (`count` says how many machines each part stands for).
 */
export function fitParts(parts: ReadonlyArray<{ text: string; count: number }>, width: number): string {
  const total = (from: number) => parts.slice(from).reduce((n, q) => n + q.count, 0);
  for (let keep = parts.length; keep >= 1; keep--) {
    const shown = parts.slice(0, keep).map((p) => p.text);
    const rest = total(keep);
    const line = [...shown, ...(rest > 0 ? [`+${rest} more`] : [])].join(', ');
    if (stateWidth(line) <= width || keep === 1) return keep === 1 && stateWidth(line) > width ? fitText(line, width) : line;
  }
  return '';
}

/** The text, or as much of it as fits in `width` px with "…" after it. */
export function fitText(text: string, width: number, size: number = FONT.state, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text;
  let cut = text.length;
  while (cut > 0 && textWidth(`${text.slice(0, cut).trimEnd()}…`, size, bold) > width) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** A label in lines no wider than MAX_LABEL_W: at its " / " first ("HTTP (Kerberos) / HTTPS (certificate) 8083"), then between words. */
export function wrapLabel(label: string): string[] {
  const width = (s: string) => textWidth(s, FONT.label);
  if (width(label) <= MAX_LABEL_W) return [label];
  const parts = label.split(' / ');
  if (parts.length > 1) return parts.flatMap((p, i) => wrapLabel(i < parts.length - 1 ? `${p} /` : p));
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && width(next) > MAX_LABEL_W) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
