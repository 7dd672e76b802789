package dev.rosterd.testing.load;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the harness's result lines (a {@code results.jsonl} the bench scripts append to) into the
 * Markdown table of docs/BENCHMARKS.md: for each figure, rosterd's and Prosody's median with
 * min–max over the runs, and how many times better rosterd is (higher figures divided for rates,
 * lower ones for times and memory).
 *
 * <pre>java -cp ... dev.rosterd.testing.load.ResultsTable test-fixtures/bench/results/results.jsonl</pre>
 *
 * A line's server is the first word of its {@code label} ({@code rosterd}, {@code prosody}). With a
 * second argument, only the rosterd lines whose label contains it are read (e.g. {@code
 * tls.engine=jdk}, to put one TLS engine beside Prosody). TLS logins ({@code --tls}) and their idle
 * sessions have rows of their own, one per variant and series (cold, warm).
 */
public final class ResultsTable {
  private ResultsTable() {}

  /** One row: a name, which lines it reads, the figure in a line, and whether higher is better. */
  private record Figure(String name, String scenario, Function<JsonObject, Double> value, boolean higherIsBetter) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: ResultsTable <results.jsonl> [text the rosterd labels must contain]");
      System.exit(2);
    }
    List<JsonObject> lines = new ArrayList<>();
    for (String l : Files.readAllLines(Path.of(args[0]))) {
      if (l.startsWith("{")) {
        JsonObject j = new JsonObject(l);
        String label = j.getString("label", "");
        if (args.length == 1 || !label.startsWith("rosterd") || label.contains(args[1])) {
          lines.add(j);
        }
      }
    }
    System.out.print(table(lines));
  }

  static String table(List<JsonObject> lines) {
    StringBuilder out = new StringBuilder()
        .append("| figure | rosterd: median (min–max) | Prosody: median (min–max) | rosterd vs Prosody |\n")
        .append("| --- | --- | --- | --- |\n");
    for (Figure f : figures(lines)) {
      double[] r = values(lines, "rosterd", f);
      double[] p = values(lines, "prosody", f);
      if (r.length == 0 && p.length == 0) {
        continue;
      }
      out.append("| ").append(f.name()).append(" | ").append(cell(r)).append(" | ").append(cell(p))
          .append(" | ").append(ratio(r, p, f.higherIsBetter())).append(" |\n");
    }
    return out.toString();
  }

  private static List<Figure> figures(List<JsonObject> lines) {
    List<Figure> f = new ArrayList<>();
    f.add(new Figure("login+roster per s (" + first(lines, "login_roster", "clients") + " clients)",
        "login_roster", j -> j.getDouble("logins_per_s"), true));
    f.add(new Figure("roster reply p50 ms", "login_roster", j -> j.getDouble("roster_p50_ms"), false));
    f.add(new Figure("roster reply p99 ms", "login_roster", j -> j.getDouble("roster_p99_ms"), false));
    f.add(new Figure("server CPU ms per login+roster", "login_roster",
        j -> j.getDouble("server_cpu_ms_per_login"), false));
    Map<Integer, Boolean> sizes = new LinkedHashMap<>();
    lines.stream().filter(j -> "refresh".equals(j.getString("scenario")))
        .forEach(j -> sizes.put(j.getInteger("users_refreshed"), true));
    for (int u : sizes.keySet()) {
      String s = "refresh:" + u;
      f.add(new Figure("refresh " + u + ": HTTP reply ms", s, j -> j.getDouble("http_ms"), false));
      f.add(new Figure("refresh " + u + ": all pushes ms", s, j -> j.getDouble("all_pushes_ms"), false));
      f.add(new Figure("refresh " + u + ": users per s", s, j -> j.getDouble("users_per_s"), true));
    }
    f.add(new Figure("memory: KB per idle session", "memory", j -> j.getDouble("kb_per_session"), false));
    tlsFigures(lines, f);
    f.add(new Figure("memory: RSS MB at the last level", "memory", j -> {
      var levels = j.getJsonArray("levels");
      return levels.getJsonObject(levels.size() - 1).getLong("rss_kb") / 1024.0;
    }, false));
    Map<Integer, Boolean> rates = new LinkedHashMap<>();
    lines.stream().filter(j -> "latency".equals(j.getString("scenario")))
        .flatMap(j -> j.getJsonArray("rates").stream())
        .forEach(r -> rates.put(((JsonObject) r).getInteger("rate"), true));
    for (int rate : rates.keySet()) {
      for (String p : List.of("p50", "p99", "max")) {
        f.add(new Figure("message round trip at " + rate + "/s: " + p + " ms", "latency",
            j -> rateFigure(j, rate, p + "_ms"), false));
      }
    }
    return f;
  }

  /** Rows for TLS logins, per variant (tls, sasl) and series, and for idle TLS sessions. */
  private static void tlsFigures(List<JsonObject> lines, List<Figure> f) {
    Map<String, Boolean> variants = new LinkedHashMap<>();
    lines.stream().filter(j -> "login_roster".equals(j.getString("scenario")) && isTls(j))
        .forEach(j -> variants.put(tlsVariant(j), true));
    for (String v : variants.keySet()) {
      String s = "tls:" + v;
      f.add(new Figure("TLS login " + v + ": logins per s", s, j -> j.getDouble("logins_per_s"), true));
      f.add(new Figure("TLS login " + v + ": server CPU ms per login", s,
          j -> j.getDouble("server_cpu_ms_per_login"), false));
    }
    f.add(new Figure("TLS memory: KB per idle TLS session", "tls-memory", j -> j.getDouble("kb_per_session"), false));
    f.add(new Figure("TLS memory: RSS MB before the sessions", "tls-memory",
        j -> j.getJsonArray("levels").getJsonObject(0).getLong("rss_kb") / 1024.0, false));
  }

  private static boolean isTls(JsonObject line) {
    return !"none".equals(line.getString("tls", "none"));
  }

  /** E.g. "starttls + scram-sha-256, cold". */
  private static String tlsVariant(JsonObject line) {
    return line.getString("tls") + " + " + line.getString("sasl", "plain") + ", " + line.getString("series", "warm");
  }

  private static Double rateFigure(JsonObject line, int rate, String key) {
    return line.getJsonArray("rates").stream().map(o -> (JsonObject) o)
        .filter(r -> r.getInteger("rate") == rate).findFirst()
        .map(r -> r.getDouble(key)).orElse(null);
  }

  private static Object first(List<JsonObject> lines, String scenario, String key) {
    return lines.stream().filter(j -> scenario.equals(j.getString("scenario")))
        .map(j -> j.getValue(key)).findFirst().orElse("?");
  }

  private static double[] values(List<JsonObject> lines, String server, Figure f) {
    return lines.stream()
        .filter(j -> j.getString("label", "").toLowerCase(Locale.ROOT).startsWith(server))
        .filter(j -> matches(j, f.scenario()))
        .map(j -> {
          try {
            return f.value().apply(j);
          } catch (RuntimeException missing) {
            return null;
          }
        })
        .filter(v -> v != null)
        .mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static boolean matches(JsonObject line, String scenario) {
    if (scenario.startsWith("tls:")) {
      return "login_roster".equals(line.getString("scenario")) && isTls(line)
          && tlsVariant(line).equals(scenario.substring("tls:".length()));
    }
    if (scenario.equals("tls-memory")) {
      return "memory".equals(line.getString("scenario")) && isTls(line);
    }
    if (isTls(line)) {
      return false;
    }
    if (scenario.startsWith("refresh:")) {
      return "refresh".equals(line.getString("scenario"))
          && Integer.parseInt(scenario.substring("refresh:".length())) == line.getInteger("users_refreshed");
    }
    return scenario.equals(line.getString("scenario"));
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String cell(double[] v) {
    if (v.length == 0) {
      return "–";
    }
    return num(median(v)) + " (" + num(v[0]) + "–" + num(v[v.length - 1]) + ", n=" + v.length + ")";
  }

  private static String ratio(double[] r, double[] p, boolean higherIsBetter) {
    if (r.length == 0 || p.length == 0 || median(r) == 0 || median(p) == 0) {
      return "–";
    }
    double x = higherIsBetter ? median(r) / median(p) : median(p) / median(r);
    return String.format(Locale.ROOT, "%.2f× %s", x, x >= 1 ? "better" : "worse");
  }

  private static String num(double d) {
    return d >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.2f", d);
  }
}
