// Shapes of Baton's REST API (/api/v1) as the dashboard reads them.

export type Role = 'viewer' | 'deployer' | 'admin';

export interface Me {
  name: string;
  role: Role;
}

export type OperationStatus =
  | 'QUEUED'
  | 'RUNNING'
  | 'PAUSED'
  | 'ROLLING_BACK'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'ROLLED_BACK'
  | 'ABORTED';

export interface AppSummary {
  name: string;
  currentRevision: number | null;
  latestRevision?: number | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface Instance {
  service: string;
  revision: number;
  slot: number;
  host: string | null;
  containerId?: string | null;
  containerName?: string | null;
  state: string | null;
  health: string | null;
  address?: string | null;
  operationId?: string | null;
  updatedAt?: string;
}

export interface Links {
  self?: string;
  app?: string;
  events?: string;
  temporalUi?: string;
}

export interface SlotProgress {
  slot: number;
  revision: number;
  host: string | null;
  state: string;
  detail: string | null;
}

export interface ServiceProgress {
  service: string;
  revision: number;
  batch: number;
  batches: number;
  replicas: number;
  failures: number;
  slots: SlotProgress[];
}

export interface Progress {
  operationId?: string;
  revision: number;
  status: OperationStatus;
  phase: string | null;
  error: string | null;
  services: ServiceProgress[];
}

export interface Operation {
  id: string;
  app: string;
  kind: string;
  revision: number | null;
  status: OperationStatus;
  workflowId: string;
  runId?: string | null;
  requestedBy?: string | null;
  reason?: string | null;
  error?: string | null;
  createdAt?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  progress?: Progress;
  links?: Links;
}

export interface AppDetail extends AppSummary {
  instances: Instance[];
  operations: Operation[];
}

export interface OpEvent {
  seq: number;
  type: string;
  service?: string | null;
  message: string;
  actor?: string | null;
  at?: string;
}

export interface Revision {
  number: number;
  digest?: string;
  createdBy?: string | null;
  reason?: string | null;
  outcome?: string | null;
  createdAt?: string;
  spec?: AppSpec | null;
}

export interface ServiceSpec {
  name: string;
  image: string;
  replicas: number;
  [key: string]: unknown;
}

export interface AppSpec {
  app?: string;
  services: ServiceSpec[];
  [key: string]: unknown;
}

export interface Host {
  name: string;
  endpoint?: string;
  status: string;
  cpus?: number | null;
  memoryBytes?: number | null;
  labels?: Record<string, string> | string | null;
  capacity?: { cpus?: number | null; memoryBytes?: number | null } | null;
  usage?: { cpus?: number | null; memoryBytes?: number | null; instances?: number | null } | null;
  instances?: Instance[] | number | null;
  apiVersion?: string | null;
  /** Why the host is not READY, when Baton knows (e.g. its TLS client certificate is refused). */
  message?: string | null;
}

export interface FieldError {
  path?: string;
  line?: number;
  message: string;
}
