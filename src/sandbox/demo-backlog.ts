// The sandbox's demo team (SPEC §2.11): twelve weeks of an ML team's debt — what was filed, who voted what,
// the pain reported, who fixed what — as plain data. src/sandbox/demo-data.ts replays it through the app.
//
// Dates are whole days before the seeding (`ago` ≥ 1), at a local time in the team's zone, so the twelve
// weeks always end the day before the sandbox starts. The titles are the seed article's examples
// (undocumented schemas, one person who can retrain, no drift monitoring, hard-coded thresholds) and the
// kinds of SPEC §1.2.
import type { Category } from '../domain/categories.ts';
import type { StatusAction } from '../domain/item.ts';
import type { Level } from '../domain/scales.ts';
import type { CHANNELS } from './workspace.ts';

/** The team's zone: days and local times of the timeline, and both digests. */
export const DEMO_ZONE = 'Europe/Berlin';

/** The five people of src/sandbox/workspace.ts, by their Slack handle. */
export type Person = 'ana' | 'ben' | 'mei' | 'ravi' | 'dana';
export type Size = 'XS' | 'S' | 'M' | 'L' | 'XL';
export type DemoChannel = Exclude<keyof typeof CHANNELS, 'general'>;

/** Whole days before the seeding (≥ 1), and the local time that day; without one, a working hour is picked. */
export interface Dated {
  ago: number;
  at?: string;
}

/** Severity and frequency 1–5 as on the vote panel (SPEC §1.3), effort as a size. */
export interface Levels {
  sev?: Level;
  freq?: Level;
  effort?: Size;
}

export interface DemoVote extends Dated, Levels {
  by: Person;
}

export interface DemoPain extends Dated {
  by: Person;
  hours: number;
}

export interface DemoStatus extends Dated {
  by: Person;
  action: StatusAction;
  note?: string;
  /** Won't fix as a duplicate of the item with this key: the note names it, as *Duplicate of…* does. */
  duplicateOf?: string;
}

export interface DemoAssignment extends Dated {
  by: Person;
  to: Person;
}

export interface DemoItem extends Dated {
  /** Names the item for another one's `duplicateOf`. */
  key?: string;
  channel: DemoChannel;
  by: Person;
  title: string;
  description: string;
  category: Category;
  component?: string;
  owner?: Person;
  /** The reporter's own estimates in the filing modal (their first votes, SPEC §1.4). */
  estimate?: Levels;
  votes?: DemoVote[];
  pain?: DemoPain[];
  assign?: DemoAssignment[];
  status?: DemoStatus[];
}

/** `/debt config` as someone saved it: the digest slot, zone and budget of a channel. */
export interface DemoSettings extends Dated {
  channel: DemoChannel;
  by: Person;
  weekday: number;
  time: string;
  capacityHours: number;
  budgetPercent: number;
}

/**
 * Both digest channels are set up on the first morning, before the Monday slot could pass, so each has a
 * weekly snapshot for every week since. #research keeps what filing its first item switched on (SPEC §1.7).
 */
export const DEMO_SETTINGS: readonly DemoSettings[] = [
  {
    channel: 'mlPlatform',
    by: 'dana',
    ago: 83,
    at: '08:50',
    weekday: 1,
    time: '09:30',
    capacityHours: 120,
    budgetPercent: 20,
  },
  {
    channel: 'dataEng',
    by: 'dana',
    ago: 83,
    at: '08:55',
    weekday: 1,
    time: '10:00',
    capacityHours: 60,
    budgetPercent: 25,
  },
];

export const DEMO_ITEMS: readonly DemoItem[] = [
  // ── #ml-platform ──────────────────────────────────────────────────────────────────────────────────────────
  {
    key: 'drift',
    channel: 'mlPlatform',
    by: 'ravi',
    ago: 83,
    at: '08:40',
    title: "No drift monitoring on the ranking model's input features",
    description:
      'Feature distributions shift with every app release and new market, and we find out from a CTR drop a ' +
      'week later. No PSI/KS checks, no alerts, no dashboard anyone looks at.',
    category: 'ops',
    component: 'ranking-serving',
    owner: 'ravi',
    estimate: { sev: 4, freq: 2, effort: 'M' },
    votes: [
      { by: 'ana', ago: 83, sev: 4, freq: 2, effort: 'M' },
      { by: 'dana', ago: 82, sev: 5, freq: 1, effort: 'L' },
      { by: 'mei', ago: 80, sev: 3, freq: 2, effort: 'M' },
    ],
    pain: [
      { by: 'ana', ago: 33, hours: 6 },
      { by: 'ravi', ago: 24, hours: 8 },
      { by: 'mei', ago: 17, hours: 5 },
      { by: 'ana', ago: 9, hours: 10 },
      { by: 'ravi', ago: 3, hours: 7 },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'dana',
    ago: 83,
    at: '10:15',
    title: 'Only Ana knows how to retrain the ranking model',
    description:
      "Retraining is a sequence of notebooks plus a doc in Ana's drive. When Ana was on holiday the weekly " +
      'retrain was skipped twice, and nobody else could say whether the new model was safe to ship.',
    category: 'docs',
    component: 'ranking-model',
    estimate: { sev: 4, freq: 2, effort: 'M' },
    votes: [
      { by: 'ana', ago: 83, sev: 3, freq: 2, effort: 'S' },
      { by: 'ben', ago: 82, sev: 4, freq: 3, effort: 'M' },
      { by: 'mei', ago: 79, sev: 4, freq: 2 },
    ],
    pain: [
      { by: 'ben', ago: 40, hours: 6 },
      { by: 'mei', ago: 39, hours: 4 },
    ],
    assign: [{ by: 'dana', ago: 13, to: 'ana' }],
    status: [{ by: 'ana', ago: 12, action: 'start', note: 'Writing the runbook while pairing with Ben.' }],
  },
  {
    channel: 'mlPlatform',
    by: 'mei',
    ago: 82,
    title: 'Hard-coded 0.72 score threshold in the re-ranker',
    description:
      'The cut-off was tuned on the 2023 A/B test and is copied into three places in the serving code. ' +
      'Changing it needs a deploy, and nobody knows whether it still holds.',
    category: 'config',
    component: 're-ranker',
    estimate: { sev: 3, freq: 3, effort: 'XS' },
    votes: [
      { by: 'ben', ago: 81, sev: 2, freq: 3, effort: 'XS' },
      { by: 'ana', ago: 80, sev: 3, freq: 3, effort: 'S' },
    ],
    status: [
      { by: 'mei', ago: 62, action: 'resolve', note: 'Moved to the serving config, reviewed like code.' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'ben',
    ago: 81,
    title: 'Training and serving compute days_since_signup differently',
    description:
      "Training counts from UTC midnight, serving from the user's local midnight: the feature is off by one " +
      'for a third of users. Classic training/serving skew.',
    category: 'pipeline',
    component: 'feature-store',
    estimate: { sev: 3, freq: 3, effort: 'S' },
    votes: [
      { by: 'ravi', ago: 80, sev: 3, freq: 2, effort: 'S' },
      { by: 'ana', ago: 78, sev: 4, freq: 3, effort: 'M' },
    ],
    status: [
      { by: 'ben', ago: 72, action: 'start' },
      { by: 'ben', ago: 66, action: 'resolve', note: 'One shared transform, used by both paths.' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'ana',
    ago: 80,
    title: 'Feature store schemas are undocumented',
    description:
      '140 columns in user_features with no descriptions, no owners, and every type a float. New people ask in ' +
      'Slack, and the answer depends on who replies.',
    category: 'data',
    component: 'feature-store',
    estimate: { sev: 2, freq: 4, effort: 'L' },
    votes: [
      { by: 'ben', ago: 79, sev: 2, freq: 3, effort: 'M' },
      { by: 'mei', ago: 77, sev: 2, freq: 4, effort: 'L' },
      { by: 'ravi', ago: 75, sev: 2, freq: 3, effort: 'M' },
      { by: 'dana', ago: 74, sev: 1, freq: 4, effort: 'M' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'ravi',
    ago: 78,
    title: 'Retraining needs six manual steps from a wiki page',
    description:
      'Export, dedupe, upload, train, evaluate, promote — each by hand, in order, from a page last edited two ' +
      'years ago. Steps get skipped, and a skipped dedupe trained a model on doubled clicks.',
    category: 'pipeline',
    component: 'training-pipeline',
    owner: 'ravi',
    estimate: { sev: 3, freq: 3, effort: 'M' },
    votes: [
      { by: 'ana', ago: 76, sev: 3, freq: 3, effort: 'M' },
      { by: 'dana', ago: 75, sev: 2, freq: 2, effort: 'L' },
    ],
    status: [{ by: 'ravi', ago: 19, action: 'start' }],
  },
  {
    channel: 'mlPlatform',
    by: 'mei',
    ago: 76,
    title: "We can't reproduce last quarter's ranking model",
    description:
      'The training snapshot was overwritten and seeds were not logged, so the Q2 model cannot be retrained ' +
      'to compare with the new one.',
    category: 'experiment',
    component: 'ranking-model',
    estimate: { sev: 4, freq: 1, effort: 'L' },
    votes: [
      { by: 'ana', ago: 75, sev: 4, freq: 2, effort: 'L' },
      { by: 'dana', ago: 72, sev: 5, freq: 1, effort: 'XL' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'dana',
    ago: 73,
    title: 'Nobody owns legacy_scores, yet three services read it',
    description:
      'Undeclared consumers: search, email and the partner API read a table the old model still writes. ' +
      'Switching the old model off would break them silently.',
    category: 'coupling',
    component: 'legacy-scores',
    estimate: { sev: 4, freq: 1, effort: 'M' },
    votes: [{ by: 'ben', ago: 71, sev: 3, freq: 2, effort: 'S' }],
  },
  {
    channel: 'mlPlatform',
    by: 'ben',
    ago: 70,
    title: 'Batch scoring retries forever on one bad partition',
    description:
      'One corrupt partition and the nightly job retries until morning; scores go out a day late and someone ' +
      'has to kill it by hand.',
    category: 'pipeline',
    component: 'batch-scoring',
    estimate: { sev: 3, freq: 2, effort: 'S' },
    votes: [
      { by: 'ravi', ago: 69, sev: 3, freq: 3, effort: 'S' },
      { by: 'ana', ago: 67, sev: 2, freq: 2, effort: 'XS' },
    ],
    assign: [{ by: 'ben', ago: 40, to: 'ravi' }],
  },
  {
    channel: 'mlPlatform',
    by: 'ravi',
    ago: 68,
    title: 'No rollback for the ranking model',
    description:
      'Going back to the previous model means retraining it: about an hour of a bad model in production ' +
      'every time, and nobody has practised it.',
    category: 'ops',
    component: 'ranking-serving',
    estimate: { sev: 4, freq: 2, effort: 'M' },
    votes: [
      { by: 'dana', ago: 67, sev: 4, freq: 2, effort: 'M' },
      { by: 'mei', ago: 66, sev: 3, freq: 1, effort: 'S' },
    ],
    status: [
      { by: 'ravi', ago: 27, action: 'resolve', note: 'Last three models kept warm; rollback is a flag.' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'ana',
    ago: 64,
    title: 'Offline NDCG and online CTR disagree',
    description:
      'Models that win offline lose the A/B test about half the time. Nobody has checked whether the offline ' +
      'evaluation set still looks like today’s traffic.',
    category: 'model',
    component: 'ranking-model',
    estimate: { sev: 4, freq: 2, effort: 'L' },
    votes: [
      { by: 'mei', ago: 63, sev: 2, freq: 2, effort: 'L' },
      { by: 'ravi', ago: 61, sev: 5, freq: 2, effort: 'L' },
      { by: 'dana', ago: 58, sev: 4, freq: 3, effort: 'M' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'ana',
    ago: 61,
    title: 'Copy-pasted feature transforms in four notebooks',
    description:
      'The same log/clip/bucket code lives in four notebooks with small differences; fixes land in one of them.',
    category: 'code',
    component: 'notebooks',
    estimate: { sev: 2, freq: 3, effort: 'S' },
    votes: [{ by: 'mei', ago: 60, sev: 2, freq: 3, effort: 'S' }],
  },
  {
    channel: 'mlPlatform',
    by: 'mei',
    ago: 58,
    title: 'GPU training image pinned to CUDA 11.3 and a patched torch wheel',
    description:
      'The wheel was built by someone who has left. We cannot upgrade torch, and the new GPUs need CUDA 12.',
    category: 'infra',
    component: 'training-infra',
    estimate: { sev: 3, freq: 2, effort: 'L' },
    votes: [
      { by: 'ravi', ago: 57, sev: 3, freq: 2, effort: 'L' },
      { by: 'dana', ago: 55, sev: 4, freq: 1, effort: 'XL' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'dana',
    ago: 54,
    title: "Embedding model and ranker train on each other's outputs",
    description:
      "A hidden feedback loop: the ranker's clicks train the embeddings, which feed the ranker. A bad week in " +
      'one quietly spreads to both, and nobody can say which one started it.',
    category: 'coupling',
    component: 'embeddings',
    estimate: { sev: 5, freq: 1, effort: 'L' },
    votes: [
      { by: 'ana', ago: 53, sev: 5, freq: 2, effort: 'L' },
      { by: 'mei', ago: 50, sev: 4, freq: 1, effort: 'XL' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'ben',
    ago: 50,
    title: 'Flaky integration test for the feature pipeline',
    description: 'Fails about one run in five on a timing race; people re-run CI until it is green.',
    category: 'testing',
    component: 'feature-store',
    estimate: { sev: 1, freq: 4, effort: 'S' },
    votes: [
      { by: 'ravi', ago: 49, sev: 2, freq: 4, effort: 'S' },
      { by: 'ana', ago: 47, sev: 1, freq: 5, effort: 'XS' },
    ],
    pain: [
      { by: 'ana', ago: 26, hours: 1 },
      { by: 'ben', ago: 20, hours: 2 },
      { by: 'ravi', ago: 14, hours: 1.5 },
      { by: 'ben', ago: 7, hours: 2 },
      { by: 'ana', ago: 2, hours: 1 },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'ana',
    ago: 47,
    title: 'Half the experiment runs are logged to personal MLflow servers',
    description:
      'Three tracking servers, two of them on laptops. Comparing runs means asking people for screenshots.',
    category: 'experiment',
    component: 'experiment-tracking',
    estimate: { sev: 2, freq: 3, effort: 'M' },
    votes: [
      { by: 'mei', ago: 46, sev: 3, freq: 3, effort: 'S' },
      { by: 'dana', ago: 45, sev: 2, freq: 3, effort: 'M' },
    ],
    assign: [{ by: 'ana', ago: 30, to: 'mei' }],
    status: [{ by: 'mei', ago: 22, action: 'resolve', note: 'One team server; old runs imported.' }],
  },
  {
    channel: 'mlPlatform',
    by: 'ravi',
    ago: 44,
    title: 'Training data path hard-coded to /mnt/ana/exports',
    description:
      "The training job reads from a folder on Ana's mount. It broke the day her laptop was replaced.",
    category: 'config',
    component: 'training-pipeline',
    owner: 'ana',
    estimate: { sev: 3, freq: 2, effort: 'XS' },
    votes: [{ by: 'ana', ago: 44, sev: 2, freq: 2, effort: 'XS' }],
    status: [{ by: 'ana', ago: 43, action: 'resolve', note: 'Reads the path from the job config now.' }],
  },
  {
    channel: 'mlPlatform',
    by: 'mei',
    ago: 41,
    title: "Drift alerts for the ranker's inputs",
    description: 'We only notice drift when CTR drops. We need alerts on the input features.',
    category: 'ops',
    component: 'ranking-serving',
    status: [{ by: 'dana', ago: 40, action: 'wontfix', duplicateOf: 'drift' }],
  },
  {
    channel: 'mlPlatform',
    by: 'ravi',
    ago: 38,
    title: 'A 2,400-line train.py with a single main()',
    description:
      'Every change touches the same file and no step can be tested alone. Splitting it is the first step to ' +
      'a real pipeline.',
    category: 'architecture',
    component: 'training-pipeline',
    estimate: { sev: 2, freq: 4, effort: 'L' },
    votes: [
      { by: 'ben', ago: 37, sev: 2, freq: 3, effort: 'L' },
      { by: 'ana', ago: 36, sev: 3, freq: 4, effort: 'XL' },
      { by: 'dana', ago: 34, sev: 1, freq: 4, effort: 'L' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'ana',
    ago: 33,
    title: 'No slice metrics: quality for new users is unknown',
    description:
      'We report one global NDCG. New users and small markets could be much worse and we would not know.',
    category: 'model',
    component: 'ranking-model',
    estimate: { sev: 4, freq: 2, effort: 'M' },
    votes: [
      { by: 'mei', ago: 31, sev: 4, freq: 3, effort: 'M' },
      { by: 'dana', ago: 29, sev: 3, freq: 2, effort: 'M' },
    ],
  },
  {
    channel: 'mlPlatform',
    by: 'dana',
    ago: 28,
    title: 'Serving uses a different tokenizer version from training',
    description:
      'Serving pins tokenizers 0.13, training installs the latest. Rare tokens split differently, and the ' +
      'query embeddings drift apart from the ones the model learnt.',
    category: 'pipeline',
    component: 'ranking-serving',
    owner: 'ravi',
    estimate: { sev: 3, freq: 3, effort: 'S' },
    votes: [
      { by: 'ravi', ago: 27, sev: 4, freq: 4, effort: 'S' },
      { by: 'ana', ago: 26, sev: 3, freq: 3, effort: 'S' },
      { by: 'ben', ago: 24, sev: 3, freq: 3, effort: 'XS' },
    ],
    status: [{ by: 'ravi', ago: 4, action: 'start' }],
  },
  {
    channel: 'mlPlatform',
    by: 'ravi',
    ago: 23,
    title: 'No canary for model deploys',
    description: 'A new model goes to all traffic at once; the first sign of trouble is the on-call page.',
    category: 'ops',
    component: 'ranking-serving',
    estimate: { sev: 4, freq: 2, effort: 'M' },
    votes: [{ by: 'ben', ago: 21, sev: 4, freq: 1, effort: 'M' }],
  },
  {
    channel: 'mlPlatform',
    by: 'mei',
    ago: 18,
    title: 'Vendor relevance labels are noisy',
    description:
      "Spot checks find about 15% of the vendor's 'relevant' labels wrong, and we train on them as truth.",
    category: 'data',
    component: 'labels',
    estimate: { sev: 3 },
    votes: [{ by: 'ana', ago: 16, sev: 4 }],
  },
  {
    channel: 'mlPlatform',
    by: 'ben',
    ago: 13,
    title: '38 of 140 features are computed nightly and never used',
    description:
      'Dead features still cost an hour of cluster time a night and show up in every schema review.',
    category: 'data',
    component: 'feature-store',
    estimate: { freq: 3, effort: 'S' },
  },
  {
    channel: 'mlPlatform',
    by: 'ana',
    ago: 8,
    title: 'The 14-day lookback window is a magic number in four jobs',
    description: 'Nobody remembers why 14. Changing it means finding all four copies.',
    category: 'config',
    component: 'feature-store',
  },
  {
    channel: 'mlPlatform',
    by: 'dana',
    ago: 5,
    title: 'On-call handover notes are scattered across DMs',
    description:
      'Each handover is a DM to whoever is next, so the history of an incident is in nobody’s view.',
    category: 'other',
    votes: [{ by: 'ravi', ago: 3, sev: 2, freq: 3 }],
  },
  {
    channel: 'mlPlatform',
    by: 'mei',
    ago: 2,
    title: 'Evaluation job downloads 200 GB on every run',
    description: 'No cache between runs: each evaluation starts with forty minutes of copying the same data.',
    category: 'infra',
    component: 'evaluation',
  },

  // ── #data-eng ─────────────────────────────────────────────────────────────────────────────────────────────
  {
    channel: 'dataEng',
    by: 'ben',
    ago: 83,
    at: '08:45',
    title: 'Clickstream schema changes land without notice',
    description:
      'App teams rename or drop event fields; our parsers fill in nulls and the features go quietly wrong.',
    category: 'data',
    component: 'clickstream',
    estimate: { sev: 3, freq: 2, effort: 'M' },
    votes: [
      { by: 'ravi', ago: 82, sev: 4, freq: 3, effort: 'M' },
      { by: 'dana', ago: 81, sev: 3, freq: 2, effort: 'M' },
    ],
    pain: [
      { by: 'ben', ago: 30, hours: 4 },
      { by: 'ravi', ago: 12, hours: 6 },
    ],
  },
  {
    channel: 'dataEng',
    by: 'ben',
    ago: 82,
    title: 'Airflow DAGs with copy-pasted SQL and no tests',
    description: 'Forty DAGs share SQL by copy and paste. A fix in one is a bug in the others.',
    category: 'testing',
    component: 'airflow',
    estimate: { sev: 2, freq: 3, effort: 'L' },
    votes: [{ by: 'ravi', ago: 79, sev: 2, freq: 4, effort: 'M' }],
  },
  {
    channel: 'dataEng',
    by: 'ravi',
    ago: 77,
    title: "Backfills are run by hand from Ben's laptop",
    description:
      'Only Ben has the credentials and the script. A backfill takes him half a day and nobody else can do it.',
    category: 'pipeline',
    component: 'backfills',
    owner: 'ben',
    estimate: { sev: 3, freq: 3, effort: 'M' },
    votes: [
      { by: 'ben', ago: 76, sev: 3, freq: 2, effort: 'S' },
      { by: 'dana', ago: 74, sev: 4, freq: 2, effort: 'M' },
    ],
    status: [
      { by: 'ben', ago: 45, action: 'start' },
      { by: 'ben', ago: 32, action: 'resolve', note: 'Backfills are a parameterised DAG now.' },
    ],
  },
  {
    channel: 'dataEng',
    by: 'ben',
    ago: 69,
    title: 'No validation on the partner feed: nulls reach the features',
    description:
      'The partner feed changes shape every few weeks. Nothing checks it before it lands in features.',
    category: 'data',
    component: 'partner-feed',
    estimate: { sev: 3, freq: 2, effort: 'S' },
    votes: [{ by: 'ravi', ago: 68, sev: 3, freq: 3, effort: 'S' }],
    pain: [
      { by: 'ben', ago: 25, hours: 5 },
      { by: 'ravi', ago: 18, hours: 4 },
      { by: 'ben', ago: 10, hours: 6 },
      { by: 'dana', ago: 6, hours: 3 },
    ],
  },
  {
    channel: 'dataEng',
    by: 'ravi',
    ago: 63,
    title: 'Warehouse replica still on Postgres 11, past end of life',
    description:
      'No security patches since November. The upgrade needs a maintenance window we keep postponing.',
    category: 'infra',
    component: 'warehouse',
    estimate: { sev: 4, freq: 1, effort: 'M' },
    votes: [{ by: 'ben', ago: 62, sev: 5, freq: 1, effort: 'M' }],
    status: [{ by: 'ravi', ago: 38, action: 'resolve', note: 'Upgraded to 16 in Saturday’s window.' }],
  },
  {
    channel: 'dataEng',
    by: 'dana',
    ago: 56,
    title: 'Retention rules for raw events are written down nowhere',
    description: 'Legal asks every quarter; the answer is pieced together from bucket lifecycle rules.',
    category: 'docs',
    component: 'clickstream',
    estimate: { sev: 3, freq: 2, effort: 'S' },
    votes: [{ by: 'ben', ago: 53, sev: 2, freq: 2, effort: 'XS' }],
  },
  {
    channel: 'dataEng',
    by: 'ben',
    ago: 43,
    title: 'Spark jobs tuned with magic partition counts',
    description: 'shuffle.partitions=2001 and friends, copied from job to job. Nobody knows why 2001.',
    category: 'config',
    component: 'spark',
    estimate: { sev: 2, freq: 3, effort: 'S' },
    votes: [
      { by: 'ravi', ago: 42, sev: 2, freq: 4, effort: 'S' },
      { by: 'mei', ago: 38, sev: 1, freq: 3, effort: 'XS' },
    ],
  },
  {
    channel: 'dataEng',
    by: 'ravi',
    ago: 36,
    title: 'Rewrite the ingestion service in Rust',
    description: 'It is slow and the Python is hard to follow.',
    category: 'architecture',
    component: 'ingestion',
    votes: [{ by: 'ben', ago: 35, sev: 1, freq: 2, effort: 'XL' }],
    status: [
      {
        by: 'dana',
        ago: 30,
        action: 'wontfix',
        note: 'Ingestion is not where our time goes. Revisit if the volume doubles.',
      },
    ],
  },
  {
    channel: 'dataEng',
    by: 'ben',
    ago: 20,
    title: 'Warehouse tables have no owners or freshness checks',
    description: 'Stale tables are found by the people who read them, usually the day of a report.',
    category: 'data',
    component: 'warehouse',
    estimate: { sev: 3, freq: 3, effort: 'M' },
    votes: [{ by: 'ravi', ago: 18, sev: 3, freq: 3, effort: 'M' }],
  },

  // ── #research (private) ────────────────────────────────────────────────────────────────────────────────────
  {
    channel: 'research',
    by: 'mei',
    ago: 67,
    title: 'Eval notebook depends on a seed set in a cell nobody runs',
    description:
      'Run the notebook top to bottom and the numbers change. Run it as documented and they change again.',
    category: 'experiment',
    component: 'eval-notebooks',
    estimate: { sev: 2, freq: 3, effort: 'XS' },
    votes: [{ by: 'ana', ago: 66, sev: 2, freq: 3, effort: 'XS' }],
    status: [{ by: 'mei', ago: 50, action: 'resolve' }],
  },
  {
    channel: 'research',
    by: 'ana',
    ago: 59,
    title: 'Benchmark split leaks test users into training',
    description:
      'Users are split by session, not by user, so the same people are on both sides and offline gains are ' +
      'inflated.',
    category: 'data',
    component: 'benchmarks',
    estimate: { sev: 5, freq: 2, effort: 'S' },
    votes: [
      { by: 'mei', ago: 58, sev: 5, freq: 3, effort: 'S' },
      { by: 'dana', ago: 57, sev: 4, freq: 2, effort: 'S' },
    ],
    status: [{ by: 'ana', ago: 52, action: 'resolve', note: 'Split by user id; last quarter re-evaluated.' }],
  },
  {
    channel: 'research',
    by: 'mei',
    ago: 31,
    title: 'Prototype LLM re-ranker calls an undocumented internal endpoint',
    description:
      'It works because the search team has not changed that endpoint yet. They do not know we use it.',
    category: 'coupling',
    component: 'llm-reranker',
    estimate: { sev: 3, freq: 2, effort: 'M' },
    votes: [{ by: 'dana', ago: 29, sev: 4, freq: 2, effort: 'M' }],
  },
  {
    channel: 'research',
    by: 'dana',
    ago: 11,
    title: 'Dead experimental code paths in the ranking repo',
    description: 'Eleven feature flags have been off since 2023, each with its own branch of training code.',
    category: 'code',
    component: 'ranking-repo',
  },
];
