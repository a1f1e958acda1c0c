// The debt categories of SPEC §1.2, in menu order. Values are stored in Redis: never rename one.
export const CATEGORIES = [
  {
    value: 'data',
    label: 'Data & features',
    hint: 'unstable, unvalidated or undocumented inputs; leakage; labels',
  },
  { value: 'experiment', label: 'Experimentation & reproducibility', hint: "untracked runs, can't retrain" },
  { value: 'model', label: 'Model quality & behaviour', hint: 'staleness, entanglement, metric mismatch' },
  { value: 'pipeline', label: 'Pipelines & glue code', hint: 'pipeline jungles, manual steps, skew' },
  { value: 'config', label: 'Configuration & magic numbers', hint: 'hard-coded thresholds and paths' },
  { value: 'ops', label: 'Serving, monitoring & ops readiness', hint: 'no drift alerts, rollback, runbook' },
  { value: 'coupling', label: 'Coupling & feedback loops', hint: 'undeclared consumers, hidden loops' },
  { value: 'code', label: 'Code quality', hint: '' },
  { value: 'architecture', label: 'Architecture & abstractions', hint: 'stuck migrations, missing ADRs' },
  { value: 'testing', label: 'Testing', hint: 'missing, flaky or slow tests of code, data or models' },
  { value: 'docs', label: 'Documentation & knowledge', hint: 'missing docs, bus factor of one' },
  { value: 'infra', label: 'Dependencies, infra & release', hint: '' },
  { value: 'other', label: 'Other', hint: '' },
] as const;

export type Category = (typeof CATEGORIES)[number]['value'];

export const CATEGORY_VALUES = CATEGORIES.map((c) => c.value) as [Category, ...Category[]];

export function isCategory(value: string): value is Category {
  return (CATEGORY_VALUES as readonly string[]).includes(value);
}

export function categoryLabel(category: Category): string {
  return CATEGORIES.find((c) => c.value === category)?.label ?? category;
}
