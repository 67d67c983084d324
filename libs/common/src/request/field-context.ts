import type { Request } from 'express';

/**
 * What graphql-js hands a field resolver as its third argument: the HTTP request (one per
 * operation, over HTTP and over graphql-ws alike).
 *
 * A `@ResolveField` method that declares no parameter decorators (`@Parent`, `@Context`,
 * `@CurrentViewer`…) is bound by @nestjs/graphql as it is, and graphql-js calls it with its own
 * arguments `(parent, args, context, info)`. With a decorator, every call goes through Nest's
 * execution context instead: the parameter factory, the global pipes and four awaited promises per
 * field per row, which on a page of 20 missions cost more than the statements behind it (bench/REPORT.md).
 * Field resolvers therefore take this form (`viewerOf(req)` for the viewer): they need no pipes,
 * and no guards (fieldResolverEnhancers is empty: guards run on root fields only).
 */
export interface FieldContext {
  req: Request;
}
