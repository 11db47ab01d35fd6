// RFC 9457 problem details: the one error format of the API, and the typed
// errors services throw for the error handler to turn into it.
import { z } from "zod";
import { int32 } from "./int32.js";

/** A problem's longest parameter name or reason, detail and instance: no error body reaches 64 KiB. */
export const maxParamText = 200;
/** A report lists this many problems at most (and its detail says how many more there were). */
export const maxReportedParams = 100;
/** A hint's longest text: only the first 20 failing quotes of a bundle get one, so 20 KiB at most. */
export const maxHintText = 1_000;
export const maxDetail = 4_000;
export const maxInstance = 2_000;

export const InvalidParam = z
  .object({
    in: z.enum(["query", "path", "body", "header"]).describe("Where the parameter was sent."),
    name: z.string().max(maxParamText).describe("The parameter's name, or its JSON path inside a body."),
    reason: z.string().max(maxParamText).describe("Why it was rejected."),
    hint: z
      .string()
      .max(maxHintText)
      .optional()
      .describe(
        "How it might be fixed, when that is known: for a quote not found verbatim, the passage of the text it nearly matches (other quotation marks, dashes, apostrophes or spacing) and what differs; for an ambiguous one, where it occurs and how it could be lengthened to be unique.",
      ),
  })
  .meta({ id: "InvalidParam", description: "One rejected parameter of a request." });
export type InvalidParam = z.infer<typeof InvalidParam>;

export const Problem = z
  .object({
    type: z
      .string()
      .max(200)
      .describe("A URI reference identifying the problem type; `about:blank` when the status says it all."),
    title: z.string().max(200).describe("A short summary of the problem type."),
    status: int32().describe("The HTTP status code."),
    detail: z.string().max(maxDetail).describe("What went wrong with this request."),
    instance: z
      .string()
      .max(maxInstance)
      .describe("The request path the problem occurred on (cut at 2,000 characters)."),
    invalidParams: z
      .array(InvalidParam)
      .max(maxReportedParams)
      .optional()
      .describe("For validation problems: each parameter that failed and why."),
  })
  .meta({
    id: "Problem",
    description: "An RFC 9457 problem details object, served as application/problem+json.",
    examples: [
      {
        type: "/problems/invalid-parameters",
        title: "Invalid parameters",
        status: 400,
        detail: "The request has 1 invalid parameter.",
        instance: "/v1/claims?kind=rumour",
        invalidParams: [
          {
            in: "query",
            name: "kind",
            reason: 'Invalid option: expected one of "fact"|"statement"|"position"|"assessment"|"reason"',
          },
        ],
      },
    ],
  });
export type Problem = z.infer<typeof Problem>;

/**
 * An error that is an answer: it knows its status and title (and, for a
 * validation problem, the parameters at fault, and any headers the answer
 * carries), so the error handler turns every one into problem+json alike.
 */
export abstract class ProblemError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  /** Headers the answer carries (Retry-After, WWW-Authenticate). */
  readonly headers: Record<string, string> = {};
  /** For a validation problem: each parameter at fault, and why. */
  readonly invalidParams?: InvalidParam[];
}

export class NotFoundError extends ProblemError {
  override name = "NotFoundError";
  readonly status = 404;
  readonly title = "Not Found";
  constructor(
    readonly resource: string,
    readonly id: string,
  ) {
    super(`No ${resource} has the id "${id}".`);
  }
}

/** Parameters the schema accepted but the service found meaningless (a forged cursor), or a rejected bundle's fields. */
export class InvalidParameterError extends ProblemError {
  override name = "InvalidParameterError";
  readonly status = 400;
  readonly title = "Invalid parameters";
  override readonly invalidParams: InvalidParam[];
  constructor(params: InvalidParam | InvalidParam[], message?: string) {
    const all = Array.isArray(params) ? params : [params];
    super(message ?? all.map((param) => `${param.name}: ${param.reason}`).join("; "));
    this.invalidParams = all;
  }
}

/** No valid API key was presented (401). */
export class UnauthorizedError extends ProblemError {
  override name = "UnauthorizedError";
  readonly status = 401;
  readonly title = "Unauthorized";
  override readonly headers = { "www-authenticate": 'Bearer realm="kb"' };
}

/** A valid key without the scope the operation needs, or another key's document (403). */
export class ForbiddenError extends ProblemError {
  override name = "ForbiddenError";
  readonly status = 403;
  readonly title = "Forbidden";
}

/** The request contradicts what the knowledge base holds (409): another source's record, a document's evidence. */
export class ConflictError extends ProblemError {
  override name = "ConflictError";
  readonly status = 409;
  readonly title = "Conflict";
}

/** Past a rate limit (429); the client may retry after `retryAfterSeconds` (the rate limiter sets the headers). */
export class TooManyRequestsError extends ProblemError {
  override name = "TooManyRequestsError";
  readonly status = 429;
  readonly title = "Too Many Requests";
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests: the rate limit is spent; retry in ${retryAfterSeconds} s.`);
  }
}

/** The service cannot answer now (503); `cause`, if given, is logged, never answered. */
export class ServiceUnavailableError extends ProblemError {
  override name = "ServiceUnavailableError";
  readonly status = 503;
  readonly title = "Service Unavailable";
  override readonly headers = { "retry-after": "5" };
}

/** Error responses every /v1 operation documents; `notFound` adds 404 for routes with an id. */
export function problemResponses(options: { notFound?: boolean } = {}) {
  return { 400: Problem, ...(options.notFound ? { 404: Problem } : {}), 429: Problem, 500: Problem, 503: Problem };
}
