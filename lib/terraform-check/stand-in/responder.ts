import * as http2 from "node:http2";
import type { StandInAnswers } from "./answers";

/**
 * A gRPC server that answers from a `StandInAnswers` table: gRPC over HTTP/2 without TLS
 * (what go-plugin's client speaks on a Unix socket when TLS is off), each unary call
 * answered with its pre-encoded message in one length-prefixed frame and `grpc-status: 0`,
 * streaming calls held open, unknown methods `UNIMPLEMENTED` (12). The request messages are
 * read and dropped: no answer depends on them.
 */

const GRPC_HEADERS = { ":status": 200, "content-type": "application/grpc" } as const;
const UNIMPLEMENTED = "12";

/** One gRPC message frame: uncompressed flag, 4-byte big-endian length, the message. */
export function grpcFrame(message: Buffer): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(0, 0);
  prefix.writeUInt32BE(message.length, 1);
  return Buffer.concat([prefix, message]);
}

/** Starts answering on `socket`; `onShutdown` runs once the shutdown method's answer is sent. */
export function startResponder(answers: StandInAnswers, socket: string, onShutdown: () => void, onListening: () => void): http2.Http2Server {
  const frames = new Map(Object.entries(answers.unary).map(([path, encoded]) => [path, grpcFrame(Buffer.from(encoded, "base64"))]));
  const streams = new Set(answers.streams);
  /**
   * After the shutdown answer, the process exits once the client has closed its connection
   * (go-plugin closes it right after Shutdown returns), so the answer's trailers are not lost
   * from the socket's write queue by an exit on a busy machine; at most a second later it
   * exits anyway.
   */
  const shutdown = (session: http2.Http2Session | undefined) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        onShutdown();
      }
    };
    setTimeout(finish, 1000);
    if (session && !session.destroyed) session.once("close", finish);
    else finish();
  };
  const server = http2.createServer();
  server.on("stream", (stream, headers) => {
    const path = String(headers[":path"] ?? "");
    stream.on("error", () => undefined); // the client may reset a held stream when it disconnects
    const frame = frames.get(path);
    if (streams.has(path)) {
      stream.respond(GRPC_HEADERS);
      stream.resume();
      return;
    }
    if (!frame) {
      stream.respond({ ...GRPC_HEADERS, "grpc-status": UNIMPLEMENTED, "grpc-message": `the stand-in provider does not serve ${path}` }, { endStream: true });
      stream.resume();
      return;
    }
    stream.on("end", () => {
      stream.respond(GRPC_HEADERS, { waitForTrailers: true });
      stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
      // The stream forgets its session once closed: keep it for the shutdown.
      const session = stream.session;
      if (path === answers.shutdown) stream.once("close", () => shutdown(session));
      stream.end(frame);
    });
    stream.resume();
  });
  server.listen(socket, onListening);
  return server;
}
