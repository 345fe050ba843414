package io.costq.model.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCliTest {
    @Test
    void aTraceDrawnFromTheCommandLineCarriesItsOptions(@TempDir Path dir) {
        Path out = dir.resolve("t.csv");
        int code = SimCli.run(new TraceGenerator.Cli(), "--jobs", "300", "--load", "0.5", "--io-frac", "0.3",
                "--speeds", "1,1,1,0.7,0.7", "--seed", "7", "--out", out.toString());
        assertThat(code).isZero();
        TraceSpec expected = TraceSpec.defaults(300, 0.5).withIoFrac(0.3).withCluster(5, 8, Scenarios.UNEVEN).withSeed(7);
        List<TraceJob> written = TraceIo.read(out);
        List<TraceJob> drawn = new TraceGenerator(expected).generate();
        assertThat(written.stream().map(TraceJob::costMs).toList()).isEqualTo(drawn.stream().map(TraceJob::costMs).toList());
        assertThat(written.stream().map(TraceJob::arrivalMs).toList()).isEqualTo(drawn.stream().map(TraceJob::arrivalMs).toList());
    }

    @Test
    void badInputExitsTwoNamingTheProblem(@TempDir Path dir) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true));
        try {
            Path trace = dir.resolve("t.csv");
            Files.writeString(trace, "arrival_ms,user,cost_ms\n0,u,100\n");
            assertThat(SimCli.run(new SimulatorMain(), "--trace", trace.toString(), "--bogus")).isEqualTo(2);
            assertThat(SimCli.run(new SimulatorMain(), "--trace", trace.toString(), "--speeds", "1,1")).isEqualTo(2);
            assertThat(SimCli.run(new MatrixMain(), "--scenario", "nope")).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString()).contains("Unknown option: '--bogus'").contains("--speeds must list 5 values")
                .contains("unknown scenario nope");
    }
}
