package io.quarkiverse.sqschanges.docs;

// tag::control[]
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.sqschanges.ChangeSourceControl;
import io.quarkiverse.sqschanges.QueueStatus;

@ApplicationScoped
public class MaintenanceWindow {

    @Inject
    ChangeSourceControl control;

    public void begin() {
        control.pause("builds"); // no new receives; a waiting long poll and changes in flight finish
    }

    public void end() {
        control.resume("builds");
        control.pollNow("builds"); // don't wait for the next scheduled poll
    }

    public String report() {
        QueueStatus status = control.status("builds");
        return status.state() + ": " + status.changesFired() + " changes, " + status.failed() + " failed";
    }
}
// end::control[]
