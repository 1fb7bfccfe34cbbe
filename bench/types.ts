/** One figure an issue asked for, measured beside its baseline in the same run. */
export interface BenchFigure {
  issue: number;
  figure: string;
  value: number;
  baseline: number;
  unit: string;
  /** value / baseline, or what the goal compares. */
  ratio: number;
  goal: string;
  pass: boolean;
  note?: string;
}

export interface BenchSuite {
  name: string;
  run(options: { databaseUrl?: string | undefined; quick: boolean }): Promise<BenchFigure[]>;
}
