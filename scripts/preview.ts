import { runPreviewCli } from "../lib/preview/cli";

// `npm run preview -- --env <env> --service <name> --trace <file>`: see lib/preview/cli.ts and the README.
runPreviewCli(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
