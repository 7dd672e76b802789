package dev.rosterd.demo;

import dev.rosterd.common.json.JsonKind;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The demo's rosters file as read: username to the roster body the web application answers for
 * that user (the protocol's shape: contact JID to {@code {"name", "groups"}}). Immutable.
 */
record RosterFile(JsonObject rosters) {
  /** Checks the shape the protocol needs: an object of objects. */
  static RosterFile of(JsonObject json) {
    for (String user : json.fieldNames()) {
      Object roster = json.getValue(user);
      if (!(roster instanceof JsonObject)) {
        throw new IllegalArgumentException("the roster of \"" + user + "\" is " + JsonKind.of(roster) + ", not an object");
      }
    }
    return new RosterFile(json.copy());
  }

  /** The body of {@code GET /roster/<user>}: the user's roster, or no contacts. */
  JsonObject rosterOf(String user) {
    JsonObject roster = rosters.getJsonObject(user);
    return roster == null ? new JsonObject() : roster;
  }

  /** The users the file has a roster for, in the file's order. */
  List<String> users() {
    return new ArrayList<>(rosters.fieldNames());
  }

  /** The users whose roster differs between this file and {@code next} (added, changed, removed). */
  List<String> changedIn(RosterFile next) {
    Set<String> users = new LinkedHashSet<>(rosters.fieldNames());
    users.addAll(next.rosters.fieldNames());
    List<String> changed = new ArrayList<>();
    for (String user : users) {
      if (!Objects.equals(rosterOf(user), next.rosterOf(user))) {
        changed.add(user);
      }
    }
    return changed;
  }
}
