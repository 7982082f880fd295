/**
 * A problem with what the preview was asked to do (an unknown environment, service, trace file
 * or format): the command line prints its one-line message and exits 1, without a stack trace.
 */
export class PreviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreviewError";
  }
}
