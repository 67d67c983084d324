/** The objects grouped by a key, each group in the objects' order. */
export function groupBy<T>(objects: readonly T[], keyOf: (object: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const object of objects) {
    const key = keyOf(object);
    const group = groups.get(key);
    if (group) group.push(object);
    else groups.set(key, [object]);
  }
  return groups;
}
