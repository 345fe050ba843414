package io.costq.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.client.CostqClient;
import io.costq.core.client.SubmitRequest;
import io.costq.core.client.Submitted;
import io.costq.core.job.JobState;
import io.costq.core.redis.CancelJob;
import io.costq.core.redis.ClaimJobs;
import io.costq.core.redis.ClaimedJob;
import io.costq.core.redis.CompleteJobs;
import io.costq.core.redis.FailJob;
import io.costq.core.redis.RequeueExpired;
import io.costq.core.redis.RetryJob;
import io.costq.core.testing.SteppedRedisTest;
import io.costq.core.types.JobTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paths a review found that could strand or re-run a job, stepped with a manual clock on a real redis-server. */
class ReviewFindingsTest extends SteppedRedisTest {
    private ClaimJobs claims() {
        return new ClaimJobs(redis, keys, 60_000);
    }

    @Test
    void aCancelRequestedDuringARunWinsOverTheRequeueOfItsExpiredLease() {
        Submitted s = client.submit(SubmitRequest.of("u", "noop", null));
        ClaimedJob job = claims().run(PRIOR_CLASS, 1, "n1", clock.millis(), 1_000, 4).claimed().get(0);
        assertThat(client.cancel(s.id())).isEqualTo(CancelJob.Outcome.CANCEL_REQUESTED);
        clock.tick(Duration.ofMillis(1_500)); // the owner died before it saw the cancel
        new RequeueExpired(redis, keys).run(clock.millis(), 100, 4, 60_000);
        assertThat(client.get(s.id()).orElseThrow().status()).isEqualTo(JobState.CANCELLED);
        assertThat(claims().run(PRIOR_CLASS, 1, "n2", clock.millis(), 1_000, 4).claimed()).isEmpty();
        assertThat(job.id()).isEqualTo(s.id());
    }

    @Test
    void aCancelRequestedDuringARunWinsOverARetryableFailure() {
        Submitted s = client.submit(SubmitRequest.of("u", "noop", null));
        ClaimedJob job = claims().run(PRIOR_CLASS, 1, "n1", clock.millis(), 1_000, 4).claimed().get(0);
        client.cancel(s.id());
        assertThat(new FailJob(redis, keys).run(job, "boom", clock.millis(), clock.millis() + 10, 1, 60_000))
                .isEqualTo(FailJob.Outcome.CANCELLED);
        assertThat(client.get(s.id()).orElseThrow().status()).isEqualTo(JobState.CANCELLED);
    }

    @Test
    void anOperatorRetryClearsAStaleCancelRequest() {
        Submitted s = client.submit(new SubmitRequest("u", "noop", null, null, 1, null, null));
        ClaimedJob job = claims().run(PRIOR_CLASS, 1, "n1", clock.millis(), 1_000, 4).claimed().get(0);
        new FailJob(redis, keys).run(job, "boom", clock.millis(), clock.millis(), 1, 60_000); // DEAD, no cancel
        redis.getMap(keys.job(s.id()), org.redisson.client.codec.StringCodec.INSTANCE).put("cancelRequested", "1");
        assertThat(client.retry(s.id())).isEqualTo(RetryJob.Outcome.QUEUED);
        assertThat(client.get(s.id()).orElseThrow().cancelRequested()).isFalse();
    }

    @Test
    void jobsInTheQueueOfAClassAboveALoweredClassCountStillRunAndTheirKeyMovesOn() throws Exception {
        // class 3 under 4 classes: a user whose history says 12 s
        for (int i = 0; i < 3; i++) redis.getList(keys.history("slow"), org.redisson.client.codec.StringCodec.INSTANCE).add("12000");
        SubmitRequest a = SubmitRequest.of("slow", "noop", null).withDelivery("room", null, null, null);
        Submitted first = client.submit(a);
        Submitted second = client.submit(a);
        assertThat(first.costClass()).isEqualTo(3);
        ClaimedJob running = claims().run(3, 1, "n1", clock.millis(), 30_000, 4).claimed().get(0);
        new CompleteJobs(redis, keys).run(new CompleteJobs.Ending(running, CompleteJobs.End.SUCCEEDED, "{}", 5), clock.millis(), 10, 60_000);
        // the operator lowers the class count to 3: the released second job sits in q:3
        claims().snapshot(clock.millis(), 3, List.of());
        List<ClaimedJob> claimed = claims().run(2, 5, "n1", clock.millis(), 30_000, 3).claimed();
        assertThat(claimed).extracting(ClaimedJob::id).containsExactly(second.id());
    }

    @Test
    void jobsParkedOnAChannelThatLeftTheConfigGoBackToTheirQueues() throws Exception {
        var sms = new DeliverySettings.Channel("sms", 1, 0);
        CostqSettings withSms = settings.withDelivery(new DeliverySettings(30_000, Map.of("sms", sms)));
        CostqClient c = new CostqClient(redis, withSms, JobTypes.builtIns(), clock);
        Submitted a = c.submit(SubmitRequest.of("u", "noop", null).withDelivery(null, "sms", null, null));
        Submitted b = c.submit(SubmitRequest.of("u", "noop", null).withDelivery(null, "sms", null, null));
        List<ClaimedJob> first = claims().run(PRIOR_CLASS, 2, "n1", clock.millis(), 30_000, 4, List.of(sms)).claimed();
        assertThat(first).extracting(ClaimedJob::id).containsExactly(a.id()); // b parked: width 1
        // a restart without the channel: the parked job must not be stranded
        claims().snapshot(clock.millis(), 4, List.of());
        assertThat(claims().run(PRIOR_CLASS, 2, "n1", clock.millis(), 30_000, 4, List.of()).claimed())
                .extracting(ClaimedJob::id).containsExactly(b.id());
        c.close();
    }
}
