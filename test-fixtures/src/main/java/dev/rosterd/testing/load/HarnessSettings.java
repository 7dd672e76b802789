package dev.rosterd.testing.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load harness's flags, {@code --name value} each. Every flag has a default, so that a run
 * against a local server needs only {@code --scenario}. {@link #usage()} lists them.
 */
public final class HarnessSettings {
  /** The scenarios of issue 6. */
  public enum Scenario {
    LOGIN_ROSTER, REFRESH, MEMORY, LATENCY, CLUSTER, ATTACKED, IDLE_WEBSOCKET, IDLE_BOSH;

    static Scenario of(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("scenario", "login_roster");
    DEFAULTS.put("label", "server");
    DEFAULTS.put("host", "127.0.0.1");
    DEFAULTS.put("c2s-port", "5222");
    DEFAULTS.put("admin-url", "http://127.0.0.1:5280");
    DEFAULTS.put("domain", "localhost");
    DEFAULTS.put("users", "10000");
    DEFAULTS.put("user-prefix", "user");
    DEFAULTS.put("password", "pw-%s");
    DEFAULTS.put("server-pid", "0");
    DEFAULTS.put("clients", "1000");
    DEFAULTS.put("in-flight", "100");
    DEFAULTS.put("contacts", "20");
    DEFAULTS.put("groups", "object");
    DEFAULTS.put("levels", "0,1000,5000,10000");
    DEFAULTS.put("pairs", "100");
    DEFAULTS.put("attackers", "10");
    DEFAULTS.put("attack-kinds", "flood,sleep,slowloris,malformed");
    DEFAULTS.put("rates", "500,2000");
    DEFAULTS.put("duration-seconds", "10");
    DEFAULTS.put("warmup-seconds", "2");
    DEFAULTS.put("settle-seconds", "3");
    DEFAULTS.put("step-timeout-ms", "30000");
    DEFAULTS.put("wait-seconds", "120");
    DEFAULTS.put("backend-host", "127.0.0.1");
    DEFAULTS.put("backend-port", "18080");
    DEFAULTS.put("runs", "1");
    DEFAULTS.put("tls", "none");
    DEFAULTS.put("sasl", "plain");
    DEFAULTS.put("series", "warm");
    DEFAULTS.put("websocket-url", "ws://127.0.0.1:5290/xmpp-websocket");
    DEFAULTS.put("bosh-url", "http://127.0.0.1:5290/http-bind");
    DEFAULTS.put("idle-seconds", "0");
  }

  private final Map<String, String> values;

  private HarnessSettings(Map<String, String> values) {
    this.values = values;
  }

  /** Reads {@code --name value} pairs; an unknown flag or a missing value is an error naming it. */
  public static HarnessSettings parse(String... args) {
    Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || !DEFAULTS.containsKey(a.substring(2))) {
        throw new IllegalArgumentException("unknown flag " + a + "\n" + usage());
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      v.put(a.substring(2), args[++i]);
    }
    HarnessSettings s = new HarnessSettings(v);
    s.check();
    return s;
  }

  public static String usage() {
    StringBuilder out = new StringBuilder("flags (default):");
    DEFAULTS.forEach((k, d) -> out.append("\n  --").append(k).append(" (").append(d).append(')'));
    return out.toString();
  }

  private void check() {
    scenario();
    groups();
    for (String k : List.of("users", "clients", "in-flight", "pairs", "runs")) {
      if (integer(k) < 1) {
        throw new IllegalArgumentException("--" + k + " must be at least 1");
      }
    }
    if (integer("contacts") < 0 || integer("idle-seconds") < 0) {
      throw new IllegalArgumentException("--contacts and --idle-seconds must not be negative");
    }
    targets();
    backendPort();
    levels();
    rates();
    tls();
    sasl();
  }

  /**
   * {@code --tls}: none (plain TCP), starttls (RFC 6120 STARTTLS on {@code --c2s-port}) or direct
   * (XEP-0368: {@code --c2s-port} speaks TLS from the first byte). The harness trusts any
   * certificate: it measures the handshake, not the chain.
   */
  public LoadClient.Tls tls() {
    return enumValue("tls", LoadClient.Tls.class);
  }

  /** {@code --sasl}: plain or scram-sha-256 (RFC 7677, the mechanism real clients pick). */
  public LoadClient.Sasl sasl() {
    return enumValue("sasl", LoadClient.Sasl.class);
  }

  /**
   * {@code --series}: cold (a fresh server process for this run) or warm (the server has served
   * earlier runs); only written into the result line, since the scripts start the servers.
   */
  public String series() {
    return values.get("series");
  }

  private <E extends Enum<E>> E enumValue(String key, Class<E> type) {
    String v = values.get(key).trim().replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    try {
      return Enum.valueOf(type, v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + key + ": expected one of "
          + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT).replace('_', '-')
          + ", got " + values.get(key));
    }
  }

  /** {@code --scenario}: login_roster, refresh, memory, latency, cluster, attacked, idle_websocket or idle_bosh. */
  public Scenario scenario() {
    return Scenario.of(values.get("scenario"));
  }

  /** {@code --label}: names the server under test in every result line (e.g. rosterd, prosody). */
  public String label() {
    return values.get("label");
  }

  /** {@code --host} with each of {@code --c2s-port} (a comma list: one port per node). */
  List<LoadClient.Target> targets() {
    List<LoadClient.Target> t = new ArrayList<>();
    for (String p : values.get("c2s-port").split(",")) {
      t.add(new LoadClient.Target(values.get("host"), Integer.parseInt(p.trim())));
    }
    return t;
  }

  /** {@code --admin-url}: base URL of the admin HTTP port; the refresh goes to {@code /roster_admin/refresh}. */
  String adminUrl() {
    String u = values.get("admin-url");
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  /** {@code --users}, {@code --user-prefix}, {@code --domain}, {@code --password}: who exists. */
  public LoadUsers users() {
    return new LoadUsers(values.get("user-prefix"), integer("users"), values.get("domain"), values.get("password"));
  }

  /** {@code --server-pid}: the process whose RSS the memory scenario reads; 0 for none. */
  long serverPid() {
    return Long.parseLong(values.get("server-pid"));
  }

  /** {@code --clients}: C for login_roster; the U online users for refresh and cluster. */
  int clients() {
    return integer("clients");
  }

  /** {@code --in-flight}: logins in progress at once. */
  int inFlight() {
    return integer("in-flight");
  }

  /** {@code --contacts}: R, the roster size. */
  public int contacts() {
    return integer("contacts");
  }

  /** {@code --groups}: object or array. */
  public LoadBackend.Groups groups() {
    return LoadBackend.Groups.valueOf(values.get("groups").toUpperCase(java.util.Locale.ROOT));
  }

  /** {@code --levels}: idle session counts at which the memory scenario reads RSS. */
  List<Integer> levels() {
    List<Integer> l = Arrays.stream(values.get("levels").split(",")).map(String::trim).map(Integer::parseInt).toList();
    for (int i = 1; i < l.size(); i++) {
      if (l.get(i) <= l.get(i - 1)) {
        throw new IllegalArgumentException("--levels must increase");
      }
    }
    return l;
  }

  /** {@code --pairs}: pairs of contacts exchanging messages in the latency scenario. */
  int pairs() {
    return integer("pairs");
  }

  /** {@code --attackers}: attackers of each kind in the attacked scenario (see {@link Attackers}). */
  int attackers() {
    return integer("attackers");
  }

  /**
   * {@code --attack-kinds}: which attacks run ({@code flood}, {@code sleep}, {@code slowloris},
   * {@code malformed}, {@code guess}). Not {@code guess} by default: from the harness's one address
   * it spends the per-address login budget of the normal users too, as it would for users behind
   * the attacker's address, which measures the budget rather than the server's isolation.
   */
  java.util.Set<String> attackKinds() {
    return java.util.Set.of(values.get("attack-kinds").split(","));
  }

  /** {@code --rates}: round trips per second, all pairs together, one measurement each. */
  List<Integer> rates() {
    List<Integer> r = Arrays.stream(values.get("rates").split(",")).map(String::trim).map(Integer::parseInt).toList();
    if (r.stream().anyMatch(x -> x < 1)) {
      throw new IllegalArgumentException("--rates must be positive");
    }
    return r;
  }

  /** {@code --duration-seconds}: how long each latency rate is measured. */
  int durationSeconds() {
    return integer("duration-seconds");
  }

  /** {@code --warmup-seconds}: pings before each latency measurement that are not counted. */
  int warmupSeconds() {
    return integer("warmup-seconds");
  }

  /**
   * {@code --settle-seconds}: quiet time after logins before a refresh or an RSS reading, so that
   * the presence exchanged at login is not part of what is measured.
   */
  int settleSeconds() {
    return integer("settle-seconds");
  }

  /** {@code --step-timeout-ms}: how long a client waits for any one reply during login. */
  long stepTimeoutMs() {
    return integer("step-timeout-ms");
  }

  /** {@code --wait-seconds}: how long a refresh waits for its HTTP reply and pushes. */
  int waitSeconds() {
    return integer("wait-seconds");
  }

  /**
   * {@code --backend-host}, {@code --backend-port}: where the harness's fake web application
   * listens (port 0: an ephemeral one). {@code --backend-port off}: no backend of its own, the
   * server fetches rosters elsewhere (rosters of R contacts are still expected); refresh and
   * cluster then cannot run, as only the harness's backend can make every roster gain a contact.
   */
  public String backendHost() {
    return values.get("backend-host");
  }

  public int backendPort() {
    return ownBackend() ? integer("backend-port") : -1;
  }

  public boolean ownBackend() {
    return !values.get("backend-port").equals("off");
  }

  /** {@code --runs}: how many times the scenario runs, one result line each. */
  int runs() {
    return integer("runs");
  }

  /** {@code --websocket-url}: the server's XMPP-over-WebSocket endpoint, for {@code idle_websocket}. */
  String websocketUrl() {
    return values.get("websocket-url");
  }

  /** {@code --bosh-url}: the server's BOSH endpoint, for {@code idle_bosh}. */
  String boshUrl() {
    return values.get("bosh-url");
  }

  /** {@code --idle-seconds}: how long the idle-web sessions stay idle after the last level before they are counted. */
  int idleSeconds() {
    return integer("idle-seconds");
  }

  private int integer(String key) {
    try {
      return Integer.parseInt(values.get(key).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + ": expected an integer, got " + values.get(key));
    }
  }
}
