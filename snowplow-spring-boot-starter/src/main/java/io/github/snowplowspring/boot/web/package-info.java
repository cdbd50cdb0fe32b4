/**
 * Servlet web integration: the request as the subject of events, and page views of matching requests.
 */
@NullMarked
package io.github.snowplowspring.boot.web;

import org.jspecify.annotations.NullMarked;
