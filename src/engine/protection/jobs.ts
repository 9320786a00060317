// The vault's jobs list: one entry per operation, with its state and, where it copies data, its
// progress.

import { englishText, isMessage, type Message, type Text } from '../messages/index';

export type JobName =
  | 'Enable protection'
  | 'Finalize protection'
  | 'Resynchronize'
  | 'Disable protection'
  | 'Test failover'
  | 'Cleanup test failover'
  | 'Failover'
  | 'Planned failover'
  | 'Unplanned failover'
  | 'Change recovery point'
  | 'Commit'
  | 'Reprotect'
  | 'Reverse replication'
  | 'Failback'
  | 'Recovery plan';
export type JobState = 'inProgress' | 'succeeded' | 'failed' | 'cancelled' | 'waitingForInput';

export interface Job {
  id: number;
  name: JobName;
  machine: string | null;
  state: JobState;
  start: number;
  end: number | null;
  /** 0..1 where the job copies data, otherwise null. */
  progress: number | null;
  /** What the job is at, or why it ended (English). */
  detail: string;
  /** The same as a message, or null when there is none or it is given in English only. */
  detailText: Message | null;
}

/** Sets what a job is at, in English and as a message. */
export function setDetail(job: Job, detail: Text): void {
  job.detail = englishText(detail);
  job.detailText = isMessage(detail) ? detail : null;
}

export class JobList {
  readonly list: Job[] = [];

  start(name: JobName, machine: string | null, at: number, detail: Text = ''): Job {
    const job: Job = { id: this.list.length + 1, name, machine, state: 'inProgress', start: at, end: null, progress: null, detail: '', detailText: null };
    setDetail(job, detail);
    this.list.push(job);
    return job;
  }

  finish(job: Job | undefined, state: Exclude<JobState, 'inProgress' | 'waitingForInput'>, at: number, detail?: Text): void {
    if (!job || (job.state !== 'inProgress' && job.state !== 'waitingForInput')) return;
    job.state = state;
    job.end = at;
    if (detail !== undefined) setDetail(job, detail);
    if (state === 'succeeded' && job.progress !== null) job.progress = 1;
  }
}
