package io.quarkiverse.sqschanges.benchmark.changes;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkus.runtime.StartupEvent;

/**
 * The measured queues are named {@code bench-1}, {@code bench-2}...; with {@code bench.start-paused=true} they are
 * paused at startup, before their first receive, and {@code POST /bench/resume/<n>} starts consuming one.
 */
@Path("/bench")
public class ConsumerResource {

    private static final String MEASURED_PREFIX = "bench-";

    @Inject
    ChangeSourceControl control;

    @ConfigProperty(name = "bench.start-paused", defaultValue = "false")
    boolean startPaused;

    /** Runs after the extension has scheduled its pollers (they observe startup with the default priority). */
    void pauseAtStartup(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (startPaused) {
            control.queues().stream().filter(queue -> queue.startsWith(MEASURED_PREFIX)).forEach(control::pause);
        }
    }

    /** Resumes a measured queue, and polls it at once rather than at the next tick of the scheduler. */
    @POST
    @Path("resume/{index}")
    public void resume(@PathParam("index") int index) {
        control.resume(MEASURED_PREFIX + index);
        control.pollNow(MEASURED_PREFIX + index);
    }

    /** Pauses a measured queue: its receives in flight finish. */
    @POST
    @Path("pause/{index}")
    public void pause(@PathParam("index") int index) {
        control.pause(MEASURED_PREFIX + index);
    }
}
