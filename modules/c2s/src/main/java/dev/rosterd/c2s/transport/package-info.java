/**
 * Transports: what carries a client's XML stream. The stream negotiation
 * ({@link dev.rosterd.c2s.negotiation.StreamNegotiation}) runs against {@link
 * dev.rosterd.c2s.transport.Transport} alone, so STARTTLS, SASL, binding, stream errors, limits and
 * the whole session layer are the same whatever carries the stream.
 *
 * <h2>How a transport plugs in</h2>
 *
 * <ol>
 *   <li>Accept the connection (a {@code NetServer} like {@link dev.rosterd.c2s.transport.TcpListener},
 *       or an HTTP route for WebSocket or BOSH).
 *   <li>Implement {@link dev.rosterd.c2s.transport.Transport}: turn what arrives into {@link
 *       dev.rosterd.c2s.stream.StreamEvent}s ({@code Opened} for a stream header or RFC 7395's
 *       {@code <open/>}, {@code Stanza} for each first-level element, {@code Closed} for the end),
 *       returned one at a time by {@code next()}; throw {@link dev.rosterd.c2s.stream.StreamError}
 *       for input that breaks the stream; give the {@link dev.rosterd.c2s.stream.StreamFraming} of
 *       the transport (how the header, features, errors and close look); say whether the
 *       connection is secure and whether STARTTLS can be offered (only plain TCP can).
 *   <li>Hand it to a new {@code StreamNegotiation} with the listener's options, the instance's
 *       session layer, credentials and meters, and call {@code start()}; the returned future
 *       completes when the connection is gone. Call {@code shutDown()} on stop.
 * </ol>
 *
 * <p>A transport holds no XMPP state: the negotiation decides what may come next, and the session
 * layer owns everything after binding.
 */
package dev.rosterd.c2s.transport;
