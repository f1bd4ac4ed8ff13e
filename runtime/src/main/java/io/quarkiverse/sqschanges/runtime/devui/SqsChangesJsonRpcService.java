package io.quarkiverse.sqschanges.runtime.devui;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;

import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.runtime.ChangeSources;
import io.quarkiverse.sqschanges.runtime.changeset.ChangeSetGatherer;
import io.quarkiverse.sqschanges.runtime.devui.DevUiQueues.QueueRow;

/**
 * The Dev UI's JSON-RPC methods: the queues with their state and counts, the last changes, the open change sets, a
 * test message, and pause, resume and poll-now per queue. Actions answer with an {@link ActionResult} rather than an
 * error, so that the page can show why an action was refused. Registered in dev mode only.
 */
public class SqsChangesJsonRpcService {

    private static final long SEND_TIMEOUT_SECONDS = 30;

    @Inject
    DevUiQueues queues;

    @Inject
    ChangeSourceControl control;

    @Inject
    RecentChanges recentChanges;

    @Inject
    ChangeSources sources;

    /** @return every configured queue, sorted by name */
    public List<QueueRow> getQueues() {
        return queues.rows();
    }

    /** @return the number of configured queues, for the card's label */
    public int queueCount() {
        return control.queues().size();
    }

    /** @return the last changes fired, newest first */
    public List<RecentChanges.RecentChange> getRecentChanges() {
        return recentChanges.list();
    }

    /** @return the change sets being gathered, and those fired whose observers still run, by codebase */
    public List<ChangeSetGatherer.OpenSetView> getChangeSets() {
        ChangeSetGatherer sets = sources.changeSets();
        return sets == null ? List.of() : sets.openSets();
    }

    /** @return the number of open change sets, for the page's label */
    public int changeSetCount() {
        return getChangeSets().size();
    }

    public ActionResult sendMessage(String queue, String body) {
        try {
            String messageId = queues.send(queue, body).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return ActionResult.done("Sent message " + messageId + " to queue '" + queue + "'", queues.row(queue));
        } catch (IllegalArgumentException e) {
            return ActionResult.refused(e.getMessage());
        } catch (ExecutionException e) {
            return ActionResult.refused("Could not send to queue '" + queue + "': " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            return ActionResult.refused("SQS did not answer within " + SEND_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionResult.refused("Interrupted");
        }
    }

    public ActionResult pause(String queue) {
        return act(queue, () -> control.pause(queue), "Paused queue '" + queue + "'");
    }

    public ActionResult resume(String queue) {
        return act(queue, () -> control.resume(queue), "Resumed queue '" + queue + "'");
    }

    public ActionResult pollNow(String queue) {
        return act(queue, () -> control.pollNow(queue), "Polling queue '" + queue + "'");
    }

    private ActionResult act(String queue, Runnable action, String done) {
        try {
            action.run();
            return ActionResult.done(done, queues.row(queue));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return ActionResult.refused(e.getMessage());
        }
    }

    /**
     * What an action did.
     *
     * @param queue the queue after the action, or {@code null} if it was refused
     */
    public record ActionResult(boolean success, String message, QueueRow queue) {

        static ActionResult done(String message, QueueRow queue) {
            return new ActionResult(true, message, queue);
        }

        static ActionResult refused(String message) {
            return new ActionResult(false, message, null);
        }
    }
}
