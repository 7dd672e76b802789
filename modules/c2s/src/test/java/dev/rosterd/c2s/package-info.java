/**
 * The c2s's tests, in packages that mirror the code's. Which harness tests which layer:
 *
 * <ul>
 *   <li><b>Transport and stream negotiation</b> ({@code transport}, {@code negotiation}, {@code
 *       sasl}, {@code stream}): {@link dev.rosterd.testing.RawXmppClient} writes exact bytes over a
 *       real socket to a c2s started by the {@link dev.rosterd.c2s.RunningC2s} extension (the real
 *       auth piece, the test certificate, a free port), and the tests assert the exact stream
 *       error, SASL failure or feature the server wrote. Use it for anything that is about what a
 *       malformed or misbehaving client sees.
 *   <li><b>Session layer</b> ({@code session}): {@code TestClient} binds sessions straight through
 *       {@link dev.rosterd.c2s.session.Sessions#start} with a {@code RecordingLink} in place of the
 *       connection, and {@code RosterStandIn} answers for the roster cache on the event bus; no
 *       socket, so routing, presence and roster effects are tested stanza by stanza.
 *   <li><b>What a real client sees</b> ({@code SmackLoginTest}, {@code session.SessionSmackTest}):
 *       Smack over a real socket, STARTTLS and SASL, against the c2s with stand-in pieces.
 *   <li><b>A second client library</b> ({@code session.StreamManagementSlixmppTest}): slixmpp, a
 *       Python script in the test resources' {@code slixmpp/} folder run by {@code
 *       session.SlixmppClient} on Debian's {@code python3-slixmpp}, so that stream management is not
 *       only checked against Smack's reading of XEP-0198. It fails, naming the package, without it.
 * </ul>
 *
 * <p>The end-to-end tests with every piece deployed (the web application's stand-in, the roster
 * cache and fetcher, the admin router) are in the launcher module.
 */
package dev.rosterd.c2s;
