import { ApiError, networkError, toApiError } from './problem';

/** A page of a list, as every list endpoint of the platform answers it. */
export interface Page<T> {
  items: T[];
  page: number;
  size: number;
  total: number;
}

export type Query = Record<string, string | number | boolean | undefined | null | string[]>;

/** The API key in use; set by the session. Kept here so that every call carries it. */
let apiKey: string | null = null;
let onUnauthorized: () => void = () => {};

export function useApiKey(key: string | null, unauthorized: () => void = () => {}) {
  apiKey = key;
  onUnauthorized = unauthorized;
}

export function authHeaders(): Record<string, string> {
  return apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
}

/** `path` with the query's set values; lists repeat the parameter. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(name, v));
    else params.append(name, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...authHeaders(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) onUnauthorized();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The platform's REST API through the gateway; every failure is an {@link ApiError}. */
export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

export { ApiError };
