/**
 * Pages that parallel work writes and the docs already link (so the README is final when
 * they land). While one is missing, links to it are not checked; once it exists, the links
 * test fails until its entry is removed here, and it is checked like any other page.
 */
export const PENDING_PAGES: Readonly<Record<string, string>> = {};

/**
 * Pages that exist and wait for the README to link them. The links test checks them like any
 * other page, except for the README link; once the README links one, the test fails until its
 * entry is removed here.
 */
export const UNLINKED_PAGES: Readonly<Record<string, string>> = {
};
