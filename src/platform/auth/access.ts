/** Enforces each route's declared Access before its body is even parsed. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { Access, CustomerPrincipal, StaffPrincipal } from './principal.js';

export function checkAccess(access: Access, request: FastifyRequest): void {
  const p = request.principal;
  switch (access) {
    case 'public':
      return;
    case 'authenticated':
      if (!p) throw new AppError('NOT_AUTHENTICATED', 'log in or send a bearer token');
      return;
    case 'customer':
      if (!p) throw new AppError('NOT_AUTHENTICATED', 'log in as a customer');
      if (p.kind !== 'customer') throw new AppError('FORBIDDEN', 'this is for customers');
      return;
    case 'staff':
      if (!p) throw new AppError('NOT_AUTHENTICATED', 'log in or send a bearer token');
      if (p.kind !== 'staff') throw new AppError('FORBIDDEN', 'this is for staff');
      return;
    case 'admin':
      if (!p) throw new AppError('NOT_AUTHENTICATED', 'log in or send a bearer token');
      if (p.kind !== 'staff' || p.role !== 'admin')
        throw new AppError('FORBIDDEN', 'this needs the admin role');
      return;
  }
}

/** The staff principal of a request whose route requires staff access. */
export function staffOf(request: FastifyRequest): StaffPrincipal {
  const p = request.principal;
  if (!p || p.kind !== 'staff') throw new AppError('FORBIDDEN', 'this is for staff');
  return p;
}

export function customerOf(request: FastifyRequest): CustomerPrincipal {
  const p = request.principal;
  if (!p || p.kind !== 'customer') throw new AppError('FORBIDDEN', 'this is for customers');
  return p;
}

/** The workspace of the request, or 400 when an anonymous caller named none. */
export function workspaceOf(request: FastifyRequest) {
  if (!request.workspace) {
    throw new AppError('WORKSPACE_REQUIRED', 'name the workspace with the X-Workspace header or ?workspace=');
  }
  return request.workspace;
}
