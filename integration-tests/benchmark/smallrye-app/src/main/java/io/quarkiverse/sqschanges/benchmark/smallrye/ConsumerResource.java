package io.quarkiverse.sqschanges.benchmark.smallrye;

import java.util.function.Consumer;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;

/**
 * Resumes and pauses the measured channel {@code bench}, configured as pausable and initially paused. Channels
 * are fixed at build time, so there is one measured channel whatever the index of the measured queue.
 */
@Path("/bench")
public class ConsumerResource {

    @Inject
    ChannelRegistry channels;

    @POST
    @Path("resume/{index}")
    public void resume(@PathParam("index") int index) {
        forEachCopy(PausableChannel::resume);
    }

    @POST
    @Path("pause/{index}")
    public void pause(@PathParam("index") int index) {
        forEachCopy(PausableChannel::pause);
    }

    /** With {@code concurrency=N}, the channel runs as N copies, {@code bench$1} to {@code bench$N}. */
    private void forEachCopy(Consumer<PausableChannel> action) {
        PausableChannel single = channels.getPausable("bench");
        if (single != null) {
            action.accept(single);
        }
        for (int copy = 1; channels.getPausable("bench$" + copy) != null; copy++) {
            action.accept(channels.getPausable("bench$" + copy));
        }
    }
}
