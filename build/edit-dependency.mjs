/**
 * A rolldown plugin that rewrites one dependency module's code with exact edits, for a cost Haul
 * cannot avoid from outside. Each edit names how often its pattern must occur: when the module no
 * longer reads as expected (the dependency changed), the build fails rather than keep the cost
 * silently or rewrite something else.
 *
 * @param {string} name the plugin's name, used in its errors
 * @param {RegExp} module matches the module's path
 * @param {ReadonlyArray<{ pattern: RegExp, count: number, replacement: string }>} edits global patterns, applied in order
 */
export function editDependency(name, module, edits) {
  return {
    name,
    transform(code, id) {
      if (!module.test(id)) return null;
      let next = code;
      for (const { pattern, count, replacement } of edits) {
        const found = next.match(pattern)?.length ?? 0;
        if (found !== count) throw new Error(`${name}: expected ${count} of ${pattern} in ${id}, found ${found}`);
        next = next.replace(pattern, replacement);
      }
      return { code: next, map: null };
    },
  };
}
