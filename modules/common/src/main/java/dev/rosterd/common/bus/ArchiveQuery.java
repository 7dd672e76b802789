package dev.rosterd.common.bus;

import io.vertx.core.json.JsonObject;

/**
 * Request on {@link Addresses#ARCHIVE_QUERY}: one page of a user's message archive (XEP-0313 query
 * with XEP-0059 result set management). JSON: {@code {"owner": bare JID, "with": JID, "start":
 * "ISO-8601", "end": "ISO-8601", "max": n, "after": id, "before": id}}, every field but {@code
 * owner} optional.
 *
 * <p>Consumer: the archive piece. Reply {@link ArchivePage}. Fails with {@link
 * BusFailure#BAD_REQUEST} for a malformed field (the c2s answers {@code <bad-request/>}), {@link
 * BusFailure#NOT_FOUND} when {@code after} or {@code before} names no message of this archive
 * (XEP-0313 {@code <item-not-found/>}), and {@link BusFailure#UNAVAILABLE} naming the store.
 *
 * @param owner whose archive
 * @param with only messages with this JID: a bare JID matches every resource, a full JID only that
 *     one; null for all
 * @param start only messages at or after this instant; null for no bound
 * @param end only messages at or before this instant; null for no bound
 * @param max the page size, 1 to 250; 0 means 50; larger is served as 250 (XEP-0059 lets the server
 *     return fewer)
 * @param after page forwards from just after this id; null to start from the oldest
 * @param before page backwards up to just before this id; {@code ""} for the last page; null to
 *     page forwards. When set, the page holds the newest matching messages before it
 */
public record ArchiveQuery(
    String owner, String with, String start, String end, int max, String after, String before) {

  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("owner", owner).put("max", max);
    putIf(j, "with", with);
    putIf(j, "start", start);
    putIf(j, "end", end);
    putIf(j, "after", after);
    putIf(j, "before", before);
    return j;
  }

  public static ArchiveQuery fromJson(JsonObject j) {
    return new ArchiveQuery(j.getString("owner"), j.getString("with"), j.getString("start"),
        j.getString("end"), j.getInteger("max", 0), j.getString("after"), j.getString("before"));
  }

  private static void putIf(JsonObject j, String key, String value) {
    if (value != null) {
      j.put(key, value);
    }
  }
}
