// A validation worker that stops without posting a reply (as one that calls process.exit would).
process.exit(0);
