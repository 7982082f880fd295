/**
 * What the stand-in answers, computed before Terraform starts it: every gRPC method it
 * serves, by path (`/tfplugin6.Provider/GetProviderSchema`), with its response already
 * encoded. The plugin process then needs no protobuf code at all and starts in the time
 * Node itself takes, which matters because Terraform starts a provider about twice per
 * command and once or twice per `terraform test` run.
 */
export interface StandInAnswers {
  /** Unary methods: the encoded response message (base64). */
  readonly unary: { readonly [path: string]: string };
  /** Streaming methods, held open without messages until the plugin exits. */
  readonly streams: readonly string[];
  /** The method after whose answer the plugin exits (go-plugin's controller Shutdown). */
  readonly shutdown: string;
}

/** Environment variable naming the answers file (JSON of `StandInAnswers`) the plugin serves. */
export const ANSWERS_ENV = "STAND_IN_PROVIDER_ANSWERS";
