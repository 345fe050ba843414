package io.costq.core.route;

import io.costq.core.store.Keys;

/**
 * The decision server's keys for one pool, under the partition's hash tag; the pool name is percent-encoded, client
 * ids are only hash fields and set members, never key parts. Kept apart from {@link Keys} only while that class is
 * being changed for ordered delivery; they belong there.
 */
public record RouteKeys(String sticky, String lastRouted, String fresh) {

    public static RouteKeys of(Keys keys, String pool) {
        String base = keys.tag() + ":route:" + Keys.encode(pool);
        return new RouteKeys(base + ":sticky", base + ":seen", base + ":fresh");
    }
}
