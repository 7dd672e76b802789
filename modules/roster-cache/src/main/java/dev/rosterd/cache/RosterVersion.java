package dev.rosterd.cache;

import dev.rosterd.common.bus.RosterSnapshot;
import dev.rosterd.common.roster.RosterItem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Roster versions (XEP-0237) derived from content: a hash of the roster in a canonical form (items
 * by JID, groups sorted), so equal rosters have equal versions on every node and across restarts,
 * and a client holding the current version can be answered with an empty result.
 */
final class RosterVersion {
  private RosterVersion() {}

  /** The snapshot of {@code items}: sorted by JID, with its version. */
  static RosterSnapshot snapshot(List<RosterItem> items) {
    List<RosterItem> sorted = new ArrayList<>(items);
    sorted.sort(Comparator.comparing(RosterItem::jid));
    return new RosterSnapshot(of(sorted), List.copyOf(sorted));
  }

  static String of(List<RosterItem> sortedItems) {
    JsonArray canonical = new JsonArray();
    for (RosterItem i : sortedItems) {
      List<String> groups = new ArrayList<>(i.groups());
      groups.sort(null);
      canonical.add(new JsonObject().put("jid", i.jid()).put("name", i.name()).put("groups", new JsonArray(groups)));
    }
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.encode().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
