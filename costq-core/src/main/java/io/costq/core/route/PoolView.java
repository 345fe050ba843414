package io.costq.core.route;

import java.util.List;

/** A pool as the decision server sees it: its allowed load, its live sessions and every server it knows. */
public record PoolView(String pool, double allowedLoad, long sessions, List<ServerView> servers) {
}
