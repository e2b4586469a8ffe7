import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  Kind,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses a document in which one list field lies inside itself on some path, such as
 * `project { devices { project { devices { … } } } }`. The cost limit counts fields, not rows:
 * each turn of such a cycle multiplies the rows by a list's length (12 devices: 29 ms at two
 * turns, 3.4 s at four), and no query needs the same list twice on one path.
 */
export const noNestedSameList: ValidationRule = (context: ValidationContext) => ({
  OperationDefinition(operation) {
    const root = context.getSchema().getRootType(operation.operation);
    if (root) walk(context, root, operation.selectionSet, [], new Set(), new Set());
    return false;
  },
});

/**
 * `walked` holds each fragment already walked with the lists then on the path: a fragment spread
 * twice (`...F ...F`, then F spreading G twice, …) is walked once per such path, not once per
 * occurrence, which would double at every level.
 */
function walk(
  context: ValidationContext,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  path: string[],
  spreads: ReadonlySet<string>,
  walked: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : type;
      if (isObjectType(on)) walk(context, on, selection.selectionSet, path, spreads, walked);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = context.getFragment(selection.name.value);
      // A fragment inside itself is another rule's error; following it would never end.
      if (!fragment || spreads.has(fragment.name.value)) continue;
      const key = `${fragment.name.value}|${path.join(',')}`;
      if (walked.has(key)) continue;
      walked.add(key);
      const on = context.getSchema().getType(fragment.typeCondition.name.value);
      if (isObjectType(on)) walk(context, on, fragment.selectionSet, path, new Set([...spreads, fragment.name.value]), walked);
      continue;
    }
    const field = type.getFields()[selection.name.value];
    if (!field || !selection.selectionSet) continue;
    const coordinate = `${type.name}.${field.name}`;
    const named = getNamedType(field.type);
    // A connection is a list too: its page of rows multiplies what lies under it. Its own
    // `nodes` and `edges` are that same page, not a list of their own.
    const isList = isConnection(named) || (isListType(getNullableType(field.type)) && !(isConnection(type) && (field.name === 'nodes' || field.name === 'edges')));
    // Lists are told apart by the rows they hold, not the field that holds them: Query.devices
    // and Project.devices, read by nodes or by edges, are one list of devices on a path.
    const rows = isConnection(named) ? rowTypeOf(named) : named.name;
    if (isList && path.includes(rows)) {
      context.reportError(
        new GraphQLError(`${coordinate} is asked for inside itself: ask for each list once on a path.`, {
          nodes: [selection],
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
        }),
      );
      continue;
    }
    const inner = getNamedType(field.type);
    if (isObjectType(inner)) walk(context, inner, selection.selectionSet, isList ? [...path, rows] : path, spreads, walked);
  }
}

function isConnection(type: GraphQLNamedType): boolean {
  return isObjectType(type) && 'pageInfo' in type.getFields() && 'edges' in type.getFields();
}

/** The type of a connection's rows: what its edges' `node` is. */
function rowTypeOf(connection: GraphQLNamedType): string {
  const edge = getNamedType((connection as GraphQLObjectType).getFields().edges!.type) as GraphQLObjectType;
  return getNamedType(edge.getFields().node!.type).name;
}

export function listNestingPlugin(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noNestedSameList);
    },
  };
}
