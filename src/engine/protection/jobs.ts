// The vault's jobs list: one entry per operation, with its state and, where it copies data, its
// progress.

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
  detail: string;
}

export class JobList {
  readonly list: Job[] = [];

  start(name: JobName, machine: string | null, at: number, detail = ''): Job {
    const job: Job = { id: this.list.length + 1, name, machine, state: 'inProgress', start: at, end: null, progress: null, detail };
    this.list.push(job);
    return job;
  }

  finish(job: Job | undefined, state: Exclude<JobState, 'inProgress' | 'waitingForInput'>, at: number, detail?: string): void {
    if (!job || (job.state !== 'inProgress' && job.state !== 'waitingForInput')) return;
    job.state = state;
    job.end = at;
    if (detail !== undefined) job.detail = detail;
    if (state === 'succeeded' && job.progress !== null) job.progress = 1;
  }
}
