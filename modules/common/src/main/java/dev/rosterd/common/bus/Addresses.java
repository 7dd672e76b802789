package dev.rosterd.common.bus;

/**
 * Every event-bus address rosterd uses, in one place. The pieces (verticles) talk to each other only
 * through these; none holds a Java reference to another. Each address names who consumes it and
 * the message shapes it takes and answers, all JSON objects so they cross a clustered event bus
 * unchanged.
 *
 * <p>Failures are replied with {@link io.vertx.core.Message#fail} using the codes of {@link
 * BusFailure} and a message fit for a log line.
 */
public final class Addresses {
  private Addresses() {}

  /**
   * Check a username and password (SASL PLAIN). Consumer: the auth piece. Request {@link
   * PlainCheck}; reply {@link AuthResult}; fails with {@link BusFailure#UNAVAILABLE} when the
   * credential store (e.g. the web application) cannot be asked, and with {@link
   * BusFailure#THROTTLED}, without checking the password, when the username or the peer has used
   * up its budget of failed attempts.
   */
  public static final String AUTH_PLAIN = "rosterd.auth.plain";

  /**
   * Look up SCRAM credentials (salt, iterations, StoredKey, ServerKey) of a user. Consumer: the auth
   * piece. Request {@link ScramLookup}; reply {@link ScramCredentials} (decoy keys for a user the
   * store does not have). Like {@link #AUTH_PLAIN}, fails with {@link BusFailure#THROTTLED} when
   * the username or the peer has used up its budget of failed attempts.
   */
  public static final String AUTH_SCRAM = "rosterd.auth.scram";

  /**
   * Which SASL mechanisms the configured credential store can serve. Consumer: the auth piece.
   * Request: an empty object; reply {@link AuthMechanisms}. A store that only checks passwords
   * (the {@code http} provider) answers PLAIN alone.
   */
  public static final String AUTH_MECHANISMS = "rosterd.auth.mechanisms";

  /**
   * GET a user's roster from the web application ({@code http_roster_url}). Consumer: the roster
   * fetcher. Request {@link RosterFetch}; reply {@link RosterItems}; fails with {@link
   * BusFailure#BACKEND} and a reason naming the user, the URL and the cause.
   */
  public static final String ROSTER_FETCH = "rosterd.roster.fetch";

  /**
   * The roster of an online user, from the shared-data cache, fetched once on a miss. Consumer: the
   * roster cache. Request {@link RosterGet}; reply {@link RosterSnapshot}; fails with {@link
   * BusFailure#BACKEND} when the fetch failed.
   */
  public static final String ROSTER_GET = "rosterd.roster.get";

  /**
   * Re-fetch a user's roster, diff it with the cached one, store it and push the changes to the
   * user's sessions. Consumer: the roster cache. Request {@link RosterRefresh}; reply {@link
   * RefreshOutcome}; fails with {@link BusFailure#BACKEND} (the cached roster is then unchanged).
   */
  public static final String ROSTER_REFRESH = "rosterd.roster.refresh";

  /**
   * A user's last session ended: drop the cached roster if the user has no session left. Consumer:
   * the roster cache. Message {@link RosterRelease}; no reply.
   */
  public static final String ROSTER_RELEASE = "rosterd.roster.release";

  /**
   * A client sent a subscription presence (subscribe, subscribed, unsubscribe, unsubscribed); it is
   * never routed, and this asks what to tell the sender. Consumer: subscription blocking. Request
   * {@link SubscriptionAttempt}; reply {@link SubscriptionVerdict}. When nobody consumes it, the
   * c2s drops the stanza (fails closed).
   */
  public static final String SUBSCRIPTION_ATTEMPT = "rosterd.subscription.attempt";

  /**
   * Prefix of the address of one bound XMPP session, {@code rosterd.session.<node>.<instance>.<id>},
   * recorded in the {@link dev.rosterd.common.session.SessionDirectory}. Nothing consumes it as
   * such: a session address names the c2s instance that holds the session ({@link
   * #C2S_INBOX_PREFIX}) and the session within it. Send to it only through {@link
   * dev.rosterd.common.session.SessionAddressing}, which delivers to the instance's inbox with the
   * session in a header. Messages {@link SessionMessage}.
   */
  public static final String SESSION_PREFIX = "rosterd.session.";

  /**
   * Prefix of the inbox of one c2s verticle instance, {@code rosterd.c2s.<node>.<instance>}: the one
   * event-bus consumer (cluster-wide) through which every session that instance holds is reached.
   * Consumer: that c2s instance, which hands each message to the session named in the header
   * {@link dev.rosterd.common.session.SessionAddressing#SESSION_HEADER}. Messages {@link
   * SessionMessage}; a request for a session the instance no longer holds fails with {@link
   * BusFailure#UNAVAILABLE}.
   */
  public static final String C2S_INBOX_PREFIX = "rosterd.c2s.";

  /**
   * A node left the cluster (it stopped, or the cluster's failure detection found it dead). Sent
   * node-locally by the launcher of each surviving node to one c2s instance of that node, which
   * takes the departed node's sessions out of routing. Request {@link NodeLeft}; reply: an empty
   * object as soon as the c2s has taken it on (sent as a {@link BusRequest}, so that it waits out
   * a c2s redeploy).
   */
  public static final String NODE_LEFT = "rosterd.cluster.node-left";

  /**
   * The pieces this node runs and those of its config that are not running. Consumer: the
   * launcher's node, registered as a local consumer, so that on a clustered event bus each admin
   * router asks the node it runs on; send with {@code DeliveryOptions.setLocalOnly(true)}. Request:
   * an empty object; reply {@link NodeDeployments}.
   */
  public static final String NODE_DEPLOYMENTS = "rosterd.node.deployments";

  /**
   * Undeploy one piece of this node and deploy it again, optionally with a new config section.
   * Consumer: the launcher's node, local only like {@link #NODE_DEPLOYMENTS}. Request {@link
   * PieceRedeploy}; reply {@link PieceDeployment} of the new deployment. Fails with {@link
   * BusFailure#BAD_REQUEST} when the new section does not validate (the running deployment is then
   * untouched), {@link BusFailure#NOT_FOUND} for a piece this node does not run, and {@link
   * BusFailure#UNAVAILABLE} when the deploy failed (the piece is then missing).
   */
  public static final String NODE_REDEPLOY = "rosterd.node.redeploy";

  /**
   * How a SCRAM exchange ended, which only the c2s can tell (it checks the proof). Consumer: the
   * auth piece, which counts it against the failure budgets. Message {@link AuthOutcome}, sent
   * without waiting for a reply.
   */
  public static final String AUTH_OUTCOME = "rosterd.auth.outcome";

  /**
   * Keep a message the server accepted: in the recipient's offline queue (XEP-0160) and/or in the
   * archives (XEP-0313) of the users it names. Consumer: the archive piece. Request {@link
   * MessageStore}; reply {@link MessageStored} only after the write committed. Fails with {@link
   * BusFailure#RESOURCE_CONSTRAINT} when the recipient's offline queue is full ({@code
   * archive.offlineCapPerUser}; the c2s answers {@code <resource-constraint/>}), {@link
   * BusFailure#UNAVAILABLE} naming the store when the database cannot take it (the c2s answers
   * {@code <internal-server-error/>} type wait), {@link BusFailure#BAD_REQUEST} for a bad JID.
   */
  public static final String ARCHIVE_STORE = "rosterd.archive.store";

  /**
   * Read (without removing) the oldest messages of a user's offline queue. Consumer: the archive
   * piece. Request {@link OfflineTake}; reply {@link OfflineMessages}; fails with {@link
   * BusFailure#UNAVAILABLE} naming the store.
   */
  public static final String ARCHIVE_OFFLINE_TAKE = "rosterd.archive.offline.take";

  /**
   * Remove delivered messages from a user's offline queue, by stanza id. Consumer: the archive
   * piece. Request {@link OfflineRemove}; reply {@code {"removed": n}} after the delete committed;
   * fails with {@link BusFailure#UNAVAILABLE} naming the store.
   */
  public static final String ARCHIVE_OFFLINE_REMOVE = "rosterd.archive.offline.remove";

  /**
   * One page of a user's message archive (XEP-0313 with XEP-0059 paging). Consumer: the archive
   * piece. Request {@link ArchiveQuery}; reply {@link ArchivePage}; fails with {@link
   * BusFailure#NOT_FOUND} for an unknown {@code after}/{@code before} id, {@link
   * BusFailure#BAD_REQUEST} for a malformed field, {@link BusFailure#UNAVAILABLE} naming the store.
   */
  public static final String ARCHIVE_QUERY = "rosterd.archive.query";

  /**
   * A user's archive preferences (XEP-0313 {@code <prefs/>}). Consumer: the archive piece. Request
   * {@link ArchivePrefsGet}; reply {@link ArchivePrefs}; fails with {@link BusFailure#UNAVAILABLE}.
   */
  public static final String ARCHIVE_PREFS_GET = "rosterd.archive.prefs.get";

  /**
   * Replace a user's archive preferences. Consumer: the archive piece. Request {@link
   * ArchivePrefs}; reply {@link ArchivePrefs} as stored; fails with {@link BusFailure#BAD_REQUEST}
   * or {@link BusFailure#UNAVAILABLE} (the old preferences then stay).
   */
  public static final String ARCHIVE_PREFS_SET = "rosterd.archive.prefs.set";
}
