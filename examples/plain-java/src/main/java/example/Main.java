package example;

import io.costq.Costq;
import io.costq.JobHandle;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * costq from plain Java: a worker for the custom type {@code report}, a submit, the typed result. Give a Redis URL
 * as the argument (or {@code -Dredis.url=...}); without one it starts a throwaway {@code redis-server} on a free port.
 */
public final class Main {
    public record ReportIn(int n) {
    }

    public record ReportOut(int doubled) {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : System.getProperty("redis.url");
        Process redis = null;
        if (url == null) {
            int port = freePort();
            redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            url = "redis://127.0.0.1:" + port;
        }
        try {
            ReportOut out = run(url);
            System.out.println("report result: " + out);
            if (out.doubled() != 42) throw new IllegalStateException("expected 42, got " + out);
        } finally {
            if (redis != null) redis.destroy();
        }
    }

    /** The snippet of README "Use costq from your app". */
    static ReportOut run(String url) throws InterruptedException {
        try (Costq costq = connect(url)) {
            costq.worker().handle("report", ReportIn.class, (in, ctx) -> new ReportOut(in.n() * 2)).start();
            JobHandle job = costq.submit("report", "u1", new ReportIn(21));
            return job.await(Duration.ofSeconds(10)).result(ReportOut.class);
        }
    }

    /** Connects, retrying while a just-started redis-server comes up. */
    private static Costq connect(String url) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return Costq.connect(url);
            } catch (RuntimeException e) {
                if (attempt >= 50) throw e;
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
