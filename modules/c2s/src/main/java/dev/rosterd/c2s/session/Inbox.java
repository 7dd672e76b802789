package dev.rosterd.c2s.session;

import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Who takes the messages that reach one address in a c2s instance's inbox: a session, or a stream relaying one. */
interface Inbox {
  /** Called on the context the address was added with. */
  void receive(Message<JsonObject> message);
}
