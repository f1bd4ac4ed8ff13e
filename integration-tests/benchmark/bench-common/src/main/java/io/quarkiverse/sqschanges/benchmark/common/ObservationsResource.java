package io.quarkiverse.sqschanges.benchmark.common;

import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Lets the runner read the {@link Observations}. {@code GET /bench/count} also tells it that the application is up.
 */
@Path("/bench")
@Produces(MediaType.TEXT_PLAIN)
public class ObservationsResource {

    @Inject
    Observations observations;

    /** @return how many messages were observed */
    @GET
    @Path("count")
    public String count() {
        return Long.toString(observations.count());
    }

    /** @return the pickup latencies in microseconds, one a line */
    @GET
    @Path("pickups")
    public String pickups() {
        return observations.pickupMicros().stream().map(String::valueOf).collect(Collectors.joining("\n"));
    }
}
