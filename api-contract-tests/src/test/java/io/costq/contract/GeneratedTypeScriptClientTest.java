package io.costq.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TypeScript client openapi-generator makes from the stored document ({@code typescript-fetch}), compiled with
 * the pinned typescript together with {@code src/test/ts/scenario.ts}, run step by step under node against the
 * packaged API and a worker.
 */
@ExtendWith(RunningCostq.class)
class GeneratedTypeScriptClientTest {

    @ParameterizedTest
    @ValueSource(strings = {"submitAndWait", "cancel", "refusals", "route"})
    void scenarioStep(String step, CostqProcesses costq) throws Exception {
        Path scenario = Path.of(System.getProperty("costq.ts.scenario"));
        assertThat(scenario).as("compiled by the tsc execution (process-test-classes)").exists();
        Path out = Files.createTempFile("costq-ts-" + step, ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder("node", scenario.toString(), step).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("COSTQ_URL", costq.baseUri());
            pb.environment().put("COSTQ_KEY", CostqProcesses.KEY);
            Process node = pb.start();
            boolean ended = node.waitFor(60, TimeUnit.SECONDS);
            if (!ended) node.destroyForcibly();
            String said = Files.readString(out, StandardCharsets.UTF_8);
            System.out.print("[ts] " + said);
            assertThat(ended).as("node ended; said:\n%s", said).isTrue();
            assertThat(node.exitValue()).as(said).isZero();
            assertThat(said).startsWith(step + " ok ");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
