package dev.rosterd.c2s.roster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rosterd.common.roster.RosterChange;
import dev.rosterd.common.roster.RosterItem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

class RosterXmlTest {
  @Test
  void anItemCarriesNameGroupsAndSubscriptionBoth() {
    RosterItem bob = new RosterItem("bob@rosterd.test", "Bob & Co", List.of("Friends", "<Work>"));
    assertEquals(
        "<item xmlns='jabber:iq:roster' jid='bob@rosterd.test' name='Bob &amp; Co' subscription='both'>"
            + "<group>Friends</group><group>&lt;Work&gt;</group></item>",
        RosterXml.item(bob).toXml());
  }

  @Test
  void anItemWithoutNameHasNoNameAttribute() {
    assertEquals("<item xmlns='jabber:iq:roster' jid='carol@rosterd.test' subscription='both'/>",
        RosterXml.item(new RosterItem("carol@rosterd.test", null, List.of())).toXml());
  }

  @Test
  void aPushHoldsOneItemTheVersionAndNoFrom() throws Exception {
    var to = JidCreate.entityFullFrom("alice@rosterd.test/a");
    var pushes = RosterPush.iqs(to, "v9", List.of(
        new RosterChange(RosterChange.Kind.CHANGED, new RosterItem("bob@rosterd.test", "Robert", List.of())),
        new RosterChange(RosterChange.Kind.REMOVED, new RosterItem("carol@rosterd.test", "Carol", List.of("X")))));

    assertEquals(2, pushes.size());
    String changed = pushes.get(0).toXml();
    String id = pushes.get(0).attribute("id");
    assertEquals("<iq to='alice@rosterd.test/a' id='" + id + "' type='set'><query xmlns='jabber:iq:roster' ver='v9'>"
        + "<item jid='bob@rosterd.test' name='Robert' subscription='both'/></query></iq>", changed);
    assertEquals("<query xmlns='jabber:iq:roster' ver='v9'><item jid='carol@rosterd.test' subscription='remove'/></query>",
        pushes.get(1).children().get(0).toXml());
    assertEquals(false, id.equals(pushes.get(1).attribute("id")), "every push has its own id");
  }
}
