package dev.rosterd.common.http;

import java.util.function.UnaryOperator;

/**
 * How a listener writes the body of the errors {@link HttpListenerGuard} answers by itself (a
 * refused connection, an invalid request): its content type, and the body for a message.
 */
public record ErrorBody(String contentType, UnaryOperator<String> render) {}
