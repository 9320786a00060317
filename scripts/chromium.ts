// Where the browser tests find Chromium: CHROMIUM_PATH, or Debian's /usr/bin/chromium (installed by
// scripts/test-all.sh). Playwright never downloads a browser here.
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Chromium not found (looked at ${candidates.join(', ')}); run scripts/test-all.sh, which installs Debian's chromium, or set CHROMIUM_PATH`);
  return found;
}
