package dev.rosterd.launcher;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.ReplicaMigrationEvent;
import dev.rosterd.common.bus.Addresses;
import dev.rosterd.common.bus.BusRequest;
import dev.rosterd.common.bus.NodeLeft;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Vert.x that joins the Hazelcast cluster described by a {@link ClusterOptions}: its event
 * bus and shared data are then the cluster's, so the pieces deployed on it work with those of the
 * other nodes unchanged.
 *
 * <p>Hazelcast is configured here in code, not from a file: TCP/IP join on the listed members only,
 * multicast and auto-detection off, bound to {@code host} only, no phone-home, and no shutdown hook
 * of its own (the launcher leaves the cluster when it closes Vert.x on SIGTERM).
 *
 * <p>When another member leaves the cluster, for whatever reason, this node tells its c2s ({@link
 * Addresses#NODE_LEFT}) so that the departed node's sessions leave routing.
 */
final class ClusterJoin {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterJoin.class);

  /** How long this node's c2s has to take a node-left message. */
  private static final long NODE_LEFT_TIMEOUT_MS = 10_000;

  /** The Hazelcast member attribute in which Vert.x keeps its node id. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private ClusterJoin() {}

  /** A clustered Vert.x, with metrics like a single node's, once it has joined. */
  static Future<Vertx> vertx(ClusterOptions options) {
    if (!CommonPoolParallelism.parallel()) {
      LOG.warn("the JVM's common fork-join pool has one thread, so Hazelcast starts a thread for every"
          + " callback of clustered shared data; start java with -D{}={}",
          CommonPoolParallelism.PROPERTY, CommonPoolParallelism.AT_LEAST);
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(options));
    NodeMetrics metrics = new NodeMetrics();
    VertxOptions vertxOptions = metrics.options(NodeThreads.options())
        .setEventBusOptions(new EventBusOptions().setHost(options.host()).setPort(options.busPort()));
    return Vertx.builder()
        .with(vertxOptions)
        .withClusterManager(manager)
        .buildClustered()
        .map(vertx -> {
          metrics.ready(vertx);
          manager.getHazelcastInstance().getCluster().addMembershipListener(new Departures(vertx));
          manager.getHazelcastInstance().getPartitionService().addMigrationListener(new Rebalancing(manager));
          manager.getHazelcastInstance().getPartitionService().addPartitionLostListener(
              event -> LOG.warn("cluster data lost: partition {} had no copy left on a live member",
                  event.getPartitionId()));
          Member self = manager.getHazelcastInstance().getCluster().getLocalMember();
          LOG.info("cluster {}: node {} on {}:{}, {} members",
              options.name(), manager.getNodeId(), self.getAddress().getHost(), self.getAddress().getPort(),
              manager.getNodes().size());
          return vertx;
        });
  }

  /** The Hazelcast config of a node: Vert.x's structures plus the network of {@code options}. */
  static Config hazelcast(ClusterOptions options) {
    Config config = new Config().setClusterName(options.name());
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(options.heartbeatSeconds()));
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(options.maxNoHeartbeatSeconds()));
    config.setProperty("hazelcast.wait.seconds.before.join", String.valueOf(options.joinWaitSeconds()));
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(options.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(options.host());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(options.members());
    // What Vert.x's own default-cluster.xml declares for its registrations and node records.
    config.addMultiMapConfig(new MultiMapConfig("__vertx.subs")
        .setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return config;
  }

  /**
   * Says when the cluster's data is spread over the members again after one joined or left. Until
   * then a member's share may exist in one copy only; in a rolling restart, wait for this line
   * before stopping the next member.
   */
  private record Rebalancing(HazelcastClusterManager manager) implements MigrationListener {
    @Override
    public void migrationStarted(MigrationState state) {
      LOG.debug("cluster data moving: {} migrations planned", state.getPlannedMigrations());
    }

    @Override
    public void migrationFinished(MigrationState state) {
      LOG.info("cluster data rebalanced over {} members in {} ms: each entry has its backup",
          manager.getNodes().size(), state.getTotalElapsedTime());
    }

    @Override
    public void replicaMigrationCompleted(ReplicaMigrationEvent event) {}

    @Override
    public void replicaMigrationFailed(ReplicaMigrationEvent event) {}
  }

  /** Passes Hazelcast's member-removed events to this node's c2s. */
  private record Departures(Vertx vertx) implements MembershipListener {
    @Override
    public void memberAdded(MembershipEvent event) {
      LOG.info("node {} joined the cluster at {}", event.getMember().getAttribute(VERTX_NODE_ID),
          event.getMember().getAddress());
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      // Vert.x's node id (what SessionAddressing puts in session addresses) is not Hazelcast's
      // member UUID but an attribute Vert.x sets on its member.
      String node = event.getMember().getAttribute(VERTX_NODE_ID);
      if (node == null) {
        LOG.warn("member {} left the cluster; it was no Vert.x node", event.getMember().getAddress());
        return;
      }
      LOG.info("node {} at {} left the cluster", node, event.getMember().getAddress());
      // As a request that rides out a c2s being redeployed at that moment; a node without a c2s
      // leaves the clearing to the nodes that have one.
      BusRequest.send(vertx, Addresses.NODE_LEFT, new NodeLeft(node).toJson(),
              new DeliveryOptions().setLocalOnly(true).setSendTimeout(NODE_LEFT_TIMEOUT_MS))
          .onFailure(e -> LOG.debug("no c2s here took the departure of node {}: {}", node, e.getMessage()));
    }
  }
}
