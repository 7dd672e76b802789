package dev.rosterd.cache;

import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.roster.RosterChange.Kind;
import dev.rosterd.common.roster.RosterItem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed between the cached roster and a re-fetched one, by contact JID: added, removed, or
 * changed (name or groups differ; groups compare as a set, their order means nothing).
 */
final class RosterDiff {
  private RosterDiff() {}

  static List<RosterChange> between(List<RosterItem> cached, List<RosterItem> fetched) {
    Map<String, RosterItem> before = byJid(cached);
    List<RosterChange> changes = new ArrayList<>();
    for (RosterItem now : fetched) {
      RosterItem was = before.remove(now.jid());
      if (was == null) {
        changes.add(new RosterChange(Kind.ADDED, now));
      } else if (!same(was, now)) {
        changes.add(new RosterChange(Kind.CHANGED, now));
      }
    }
    before.values().forEach(gone -> changes.add(new RosterChange(Kind.REMOVED, gone)));
    return changes;
  }

  private static boolean same(RosterItem a, RosterItem b) {
    return Objects.equals(a.name(), b.name()) && new HashSet<>(a.groups()).equals(new HashSet<>(b.groups()));
  }

  private static Map<String, RosterItem> byJid(List<RosterItem> items) {
    Map<String, RosterItem> m = new LinkedHashMap<>();
    items.forEach(i -> m.put(i.jid(), i));
    return m;
  }
}
