package dev.rosterd.launcher;

import dev.rosterd.common.config.ConfigReader;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The top-level {@value #SECTION} section: when present, the node joins a Hazelcast cluster
 * (Vert.x's clustered event bus and shared data) instead of running alone. Members find each other
 * by TCP/IP on the listed addresses only; multicast and every other discovery are off, so nothing
 * is sent anywhere but to those members.
 *
 * <pre>{@code
 * "cluster": {
 *   "name": "rosterd",
 *   "host": "127.0.0.1",
 *   "port": 5701,
 *   "members": ["127.0.0.1:5701", "127.0.0.1:5702"]
 * }
 * }</pre>
 */
public final class ClusterOptions {
  public static final String SECTION = "cluster";

  /** {@code name}: the cluster's name; a node joins only members of the same name. */
  public static final String DEFAULT_NAME = "rosterd";

  /**
   * {@code host}: the IPv4 address this node binds and announces to the others, for Hazelcast and
   * for the event bus. On real hosts, an address the other nodes reach.
   */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** {@code port}: Hazelcast's member port; 0 picks a free one (it is logged). */
  public static final int DEFAULT_PORT = 5701;

  /**
   * {@code busPort}: the port of the clustered event bus, where the other nodes send this node's
   * messages; 0 picks a free one (fine on one machine; fix it when a firewall sits between nodes).
   */
  public static final int DEFAULT_BUS_PORT = 0;

  /**
   * {@code members}: {@code "host:port"} Hazelcast addresses of other members to join (listing this
   * node too is harmless). Empty: the node starts a cluster that others join by listing it.
   */
  public static final List<String> DEFAULT_MEMBERS = List.of();

  /** {@code heartbeatSeconds}: how often members tell each other they are alive (Hazelcast's 5). */
  public static final int DEFAULT_HEARTBEAT_SECONDS = 5;

  /**
   * {@code maxNoHeartbeatSeconds}: a member silent this long is declared dead and removed; its
   * sessions then leave routing. Hazelcast's default is 60; a killed process is usually noticed
   * sooner, when its connections are refused.
   */
  public static final int DEFAULT_MAX_NO_HEARTBEAT_SECONDS = 60;

  /**
   * {@code joinWaitSeconds}: how long a starting member waits for others before it settles on the
   * cluster it found (Hazelcast's {@code wait.seconds.before.join}, 5); lower starts faster when
   * members start one after the other.
   */
  public static final int DEFAULT_JOIN_WAIT_SECONDS = 5;

  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

  private final String name;
  private final String host;
  private final int port;
  private final int busPort;
  private final List<String> members;
  private final int heartbeatSeconds;
  private final int maxNoHeartbeatSeconds;
  private final int joinWaitSeconds;

  /** Reads the section; throws a ConfigException naming the offending key. */
  public ClusterOptions(ConfigReader r) {
    name = r.string("name", DEFAULT_NAME);
    if (name.isBlank()) {
      throw r.invalid("name", "expected a non-empty string");
    }
    host = ipv4(r, "host", r.string("host", DEFAULT_HOST));
    port = r.integer("port", DEFAULT_PORT, 0, 65535);
    busPort = r.integer("busPort", DEFAULT_BUS_PORT, 0, 65535);
    members = members(r);
    heartbeatSeconds = r.integer("heartbeatSeconds", DEFAULT_HEARTBEAT_SECONDS, 1, 300);
    maxNoHeartbeatSeconds =
        r.integer("maxNoHeartbeatSeconds", DEFAULT_MAX_NO_HEARTBEAT_SECONDS, 2, 3600);
    if (maxNoHeartbeatSeconds <= heartbeatSeconds) {
      throw r.invalid(
          "maxNoHeartbeatSeconds", "must be greater than heartbeatSeconds (" + heartbeatSeconds + ")");
    }
    joinWaitSeconds = r.integer("joinWaitSeconds", DEFAULT_JOIN_WAIT_SECONDS, 0, 300);
    r.rejectUnknownKeys();
  }

  private static List<String> members(ConfigReader r) {
    JsonArray raw = r.array("members");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      String key = "members[" + i + "]";
      if (!(raw.getValue(i) instanceof String m)) {
        throw r.invalid(key, "expected a \"host:port\" string, got " + raw.getValue(i));
      }
      int colon = m.lastIndexOf(':');
      if (colon < 0) {
        throw r.invalid(key, "expected \"host:port\", got \"" + m + "\"");
      }
      ipv4(r, key, m.substring(0, colon));
      int p;
      try {
        p = Integer.parseInt(m.substring(colon + 1));
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (p < 1 || p > 65535) {
        throw r.invalid(key, "expected a port from 1 to 65535 after the colon, got \"" + m + "\"");
      }
      out.add(m);
    }
    return List.copyOf(out);
  }

  private static String ipv4(ConfigReader r, String key, String value) {
    if (!IPV4.matcher(value).matches()) {
      throw r.invalid(key, "expected an IPv4 address such as 10.0.0.5, got \"" + value + "\"");
    }
    return value;
  }

  public String name() {
    return name;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public int busPort() {
    return busPort;
  }

  public List<String> members() {
    return members;
  }

  public int heartbeatSeconds() {
    return heartbeatSeconds;
  }

  public int maxNoHeartbeatSeconds() {
    return maxNoHeartbeatSeconds;
  }

  public int joinWaitSeconds() {
    return joinWaitSeconds;
  }
}
