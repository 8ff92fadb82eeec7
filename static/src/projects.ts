import type { ProjectOption } from '../../src/forge/contract';

/**
 * The projects to offer in the macro config: the search results, plus the chosen project when the results do not
 * include it (so the current choice never disappears while searching).
 */
export function projectChoices(
  results: readonly ProjectOption[],
  selected: string,
  known: ReadonlyMap<string, string>,
): ProjectOption[] {
  if (!selected || results.some((p) => p.key === selected)) return [...results];
  return [{ key: selected, name: known.get(selected) ?? selected }, ...results];
}
