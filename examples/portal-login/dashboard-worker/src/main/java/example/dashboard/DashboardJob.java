package example.dashboard;

import io.costq.JobContext;
import io.costq.JobHandler;
import io.costq.quarkus.CostqJob;
import java.util.List;

/**
 * The user's dashboard: some CPU work (aggregating the user's figures) and a wait on a downstream (the reports
 * store). Both depend on the user — an analyst's dashboard is heavy, everyone else's light — which is what costq's
 * per-(user, type) estimate learns, so a light user's login is never queued behind an analyst's.
 */
@CostqJob("dashboard")
public class DashboardJob implements JobHandler<DashboardJob.Request, DashboardJob.Dashboard> {
    public record Request(String user) {
    }

    public record Dashboard(String user, List<String> widgets, long cpuMs, long downstreamMs) {
    }

    @Override
    public Dashboard handle(Request in, JobContext ctx) throws InterruptedException {
        boolean analyst = in.user().startsWith("analyst");
        long cpuMs = analyst ? 40 : 5;
        long downstreamMs = analyst ? 150 : 10;
        long end = System.nanoTime() + cpuMs * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) x += i * 31L ^ x;
            ctx.checkCancelled();
        }
        Thread.sleep(downstreamMs); // the reports store answering
        List<String> widgets = analyst ? List.of("revenue", "churn", "cohorts", "forecast") : List.of("inbox", "usage");
        return new Dashboard(in.user(), widgets, cpuMs, downstreamMs);
    }
}
