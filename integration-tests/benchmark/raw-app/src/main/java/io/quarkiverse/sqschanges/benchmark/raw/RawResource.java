package io.quarkiverse.sqschanges.benchmark.raw;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The measured queues are named {@code bench-1}, {@code bench-2}...; they are consumed once resumed. */
@Path("/bench")
public class RawResource {

    @Inject
    RawLoops loops;

    @POST
    @Path("resume/{index}")
    public void resume(@PathParam("index") int index) {
        loops.resume("bench-" + index);
    }

    @POST
    @Path("pause/{index}")
    public void pause(@PathParam("index") int index) {
        loops.pause("bench-" + index);
    }
}
