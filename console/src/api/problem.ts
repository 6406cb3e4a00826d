/** One invalid field of a request, as the services name it (RFC 9457 `errors` extension). */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/**
 * A refused request: the problem the service answered, or a stand-in when the answer was not a
 * problem (a proxy's error page, the network gone).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldProblem[];

  constructor(
    status: number,
    code: string,
    title: string,
    detail?: string,
    errors: FieldProblem[] = [],
  ) {
    super(detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }

  /** The field problems about {@code field}, matched also as the head of a dotted path. */
  forField(field: string): FieldProblem[] {
    return this.errors.filter((e) => e.field === field || e.field.startsWith(field + '.'));
  }
}

/** Reads a response that is not ok into an {@link ApiError}, whatever its body is. */
export async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object' && typeof body.code === 'string') {
      return new ApiError(
        response.status,
        body.code,
        body.title ?? response.statusText,
        body.detail,
        Array.isArray(body.errors) ? body.errors : [],
      );
    }
  } catch {
    // not JSON: fall through to a problem named after the status
  }
  return new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
}

/** The stand-in for a request that got no answer at all. */
export function networkError(): ApiError {
  return new ApiError(0, 'NETWORK', 'The platform did not answer');
}
