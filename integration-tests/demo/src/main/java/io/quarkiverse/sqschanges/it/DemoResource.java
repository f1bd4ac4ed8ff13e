package io.quarkiverse.sqschanges.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkiverse.sqschanges.Change;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The demo's HTTP side: send a message to a queue, and see the changes observed.
 */
@Path("/demo")
public class DemoResource {

    @Inject
    SqsClient sqs;

    @Inject
    ChangeLog changeLog;

    /**
     * Sends the request body as a message to the SQS queue of that name.
     *
     * @return the message id
     */
    @POST
    @Path("/{queue}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    public String send(@PathParam("queue") String queue, String body) {
        String queueUrl = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /**
     * @return the most recent changes, newest first
     */
    @GET
    @Path("/changes")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> changes() {
        return changeLog.recent().stream().map(DemoResource::describe).toList();
    }

    private static Map<String, Object> describe(Change change) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("queue", change.queue());
        view.put("codebase", change.codebase());
        view.put("revision", change.revision());
        view.put("when", change.when().toString());
        view.put("author", change.author());
        view.put("branch", change.branch());
        view.put("properties", change.properties());
        return view;
    }
}
