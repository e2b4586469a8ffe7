/**
 * The key of an object type's extension holding a synchronous test whose `true` for an object
 * means the type's scopes pass that object: the first clause of its `authScopes`, decided without
 * scope-auth. The compiled executor runs it first, and the type's `isTypeOf` (scope-auth) only for
 * an object it does not answer `true` for, so a refusal still comes from scope-auth. Scope-auth's
 * evaluation per object was most of what a page of 20 devices cost above a gateway that checks
 * nothing per object (bench/README.md, W2). The compiled executor (src/http/jit-execution.ts)
 * refuses the key at start-up on a type whose check is more than its authScopes.
 */
export const TYPE_SCOPES_PASS = 'scopegateTypeScopesPass';

export type PassesTypeScopes = (value: unknown, context: unknown) => boolean;
