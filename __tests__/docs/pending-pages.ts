/**
 * Pages that parallel work writes and the docs already link (so the README is final when
 * they land). While one is missing, links to it are not checked; once it exists, the links
 * test fails until its entry is removed here, and it is checked like any other page.
 */
export const PENDING_PAGES: Readonly<Record<string, string>> = {
  "docs/preview.md": "the scaling preview guide, written with issue 14's preview work",
};

/**
 * Pages that exist but that the README does not link yet, because a parallel change writes the
 * page and the README's owner adds the link. Once the README links one, the links test fails
 * until its entry is removed here.
 */
export const UNLINKED_PAGES: Readonly<Record<string, string>> = {
  "docs/bad-input.md": "issue 16's list of what the config check refuses; the README's Bad input section links it",
};
