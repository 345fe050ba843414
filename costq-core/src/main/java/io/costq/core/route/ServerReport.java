package io.costq.core.route;

/**
 * What a server says when it joins its pool or renews its registration (its heartbeat).
 *
 * @param id          the server's id in its pool
 * @param uri         where clients connect to it
 * @param capacity    sessions at which it is fully loaded, when it knows (null: learned, taught or the default)
 * @param load        load beyond costq's sessions (e.g. connections made without asking); 0 when none
 * @param utilization CPU busy fraction, or any indicator scaled so that 1.0 is saturated; null when not measured
 * @param draining    the server wants no new sessions (e.g. it is about to stop)
 */
public record ServerReport(String id, String uri, Integer capacity, int load, Double utilization, boolean draining) {
    public ServerReport {
        RouteInput.server(id);
        RouteInput.uri(uri);
        RouteInput.capacity("capacity", capacity);
        RouteInput.load(load);
        RouteInput.utilization(utilization);
    }
}
