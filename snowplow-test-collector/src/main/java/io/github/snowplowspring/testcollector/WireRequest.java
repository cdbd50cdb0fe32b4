package io.github.snowplowspring.testcollector;

import java.time.Instant;

/** One framed request: head, the body as sent (de-chunked, still content-encoded), and when it was complete. */
record WireRequest(RequestHead head, byte[] body, Instant receivedAt) {
}
