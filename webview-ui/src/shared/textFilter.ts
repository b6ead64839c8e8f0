// The tables' filter (no DOM, so it is tested in Node): a row stays when the text is in its
// function name or its file, case-insensitively.

/** The filter as the rows are compared with it. */
export function filterText(text: string): string {
  return text.trim().toLowerCase();
}

/** `filter` comes from `filterText`; an empty one keeps every row. */
export function matchesNameOrFile(row: { readonly name: string; readonly location?: { readonly file: string } }, filter: string): boolean {
  return !filter || row.name.toLowerCase().includes(filter) || (row.location?.file.toLowerCase().includes(filter) ?? false);
}
