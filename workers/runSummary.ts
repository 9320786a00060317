// What running a scenario file to its end in a worker gives: its headline figures.

export interface RunSummary {
  scenario: string;
  simulatedSeconds: number;
  wallMs: number;
  machines: Array<{ id: string; protection: string; health: string; rpoSeconds: number | null; points: number }>;
  events: number;
}
