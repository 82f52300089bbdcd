// Shapes of Baton's REST API (/api/v1) as the dashboard reads them: names for the schemas that
// src/lib/api.gen.ts generates from docs/openapi.json (never written by hand).
import type { components } from './api.gen';

type Schemas = components['schemas'];

export type Role = 'viewer' | 'deployer' | 'admin';

/** Who the token belongs to; the API answers the role in lower case. */
export type Me = Omit<Schemas['Me'], 'role'> & { role: Role };
export type OperationStatus = Schemas['OperationView']['status'];
export type AppSummary = Schemas['AppSummary'];
export type AppDetail = Schemas['AppDetail'];
export type Instance = Schemas['InstanceView'];
export type Links = Schemas['OperationLinks'];
export type SlotProgress = Schemas['SlotProgress'];
export type ServiceProgress = Schemas['ServiceProgress'];
export type Progress = Schemas['RolloutProgress'];
export type Operation = Schemas['OperationView'];
export type OpEvent = Schemas['EventView'];
export type Revision = Schemas['RevisionView'];
export type ServiceSpec = Schemas['ServiceSpec'];
export type AppSpec = Schemas['AppSpec'];
export type Host = Schemas['HostView'];
export type Balancer = Schemas['BalancerView'];
export type HostInstance = Schemas['HostInstance'];
export type Problem = Schemas['Problem'];
/** One entry of a problem's errors; path is optional here because not every 4xx comes from Baton. */
export type FieldError = Omit<NonNullable<Problem['errors']>[number], 'path'> & { path?: string };
export type Plan = Schemas['Plan'];
export type SpecWarning = Schemas['SpecError'];
