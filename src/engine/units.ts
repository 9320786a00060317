// Branded units, so simulated seconds, bytes and blocks cannot be mixed up by accident.

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Simulated time, in seconds since the start of the run. Never wall-clock time. */
export type SimSeconds = Brand<number, 'SimSeconds'>;
/** A quantity of bytes. */
export type Bytes = Brand<number, 'Bytes'>;
/** Bytes per simulated second. */
export type BytesPerSecond = Brand<number, 'BytesPerSecond'>;

export const sim = (seconds: number): SimSeconds => seconds as SimSeconds;
export const bytes = (n: number): Bytes => n as Bytes;

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
/** Network and churn rates are quoted in decimal units, as the product's documentation does. */
export const MB = 1_000_000;

export const mbpsToBytesPerSecond = (mbps: number): BytesPerSecond => ((mbps * 1_000_000) / 8) as BytesPerSecond;

/** Bytes for people, in binary units: "512 B", "3.7 GiB", "120 GiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(n >= 100 ? 0 : 1)} ${units[i]}`;
}

/** Churn for people in decimal units, as the capacity table quotes it: "2 TB", "0.25 TB", below 0.1 TB "7.7 GB". */
export const formatTB = (n: number): string => (n < 1e11 ? `${Math.round(n / 1e8) / 10} GB` : `${Math.round(n / 1e10) / 100} TB`);
