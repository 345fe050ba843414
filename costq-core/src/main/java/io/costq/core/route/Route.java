package io.costq.core.route;

/**
 * The decision for one client: the node to use, its load and capacity as the decision saw them (load includes
 * the clients routed to it since its last heartbeat), and whether it was the client's sticky node.
 */
public record Route(String nodeId, String uri, long load, long capacity, boolean sticky) {
    public double loadFraction() {
        return capacity <= 0 ? 1 : (double) load / capacity;
    }
}
