package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.JobState;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The state table is the contract: the {@code FROM -> TO} lines of every script's header, taken together, are
 * exactly {@link JobState}'s legal transitions. A script that starts making a transition the table does not allow,
 * or a table entry no script makes, fails here.
 */
class StateTableTest {
    private static final Pattern ARROW = Pattern.compile("^\\s+(\\(none\\)|[A-Z_]+) -> ([A-Z_]+(?: \\| [A-Z_]+)*)(?:\\s.*)?$");

    /** Script name -> the header of each top-level script (libraries are not transitions). */
    private static Map<String, String> headers() throws IOException, URISyntaxException {
        Path dir = Path.of(LuaScript.class.getResource("/lua").toURI());
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".lua")).toList()) {
                String text = Files.readString(f);
                assertThat(text).as(f.getFileName() + " opens with a header").startsWith("--[[");
                out.put(f.getFileName().toString(), text.substring(0, text.indexOf("]]")));
            }
        }
        return out;
    }

    @Test
    void theScriptHeadersListExactlyTheTransitionsOfTheStateTable() throws Exception {
        Map<JobState, Set<JobState>> listed = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) listed.put(s, EnumSet.noneOf(JobState.class));
        for (var header : headers().entrySet()) {
            for (String line : header.getValue().split("\n")) {
                Matcher m = ARROW.matcher(line);
                if (!m.matches()) continue;
                for (String to : m.group(2).split(" \\| ")) {
                    JobState target = JobState.valueOf(to);
                    if (m.group(1).equals("(none)")) {
                        assertThat(target).as(header.getKey() + ": a new job's state").isEqualTo(JobState.initial());
                        continue;
                    }
                    JobState from = JobState.valueOf(m.group(1));
                    if (from != target) listed.get(from).add(target); // X -> X moves a job within its state
                }
            }
        }
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                assertThat(listed.get(from).contains(to)).as(from + " -> " + to + " in a script header")
                        .isEqualTo(from.canMoveTo(to));
            }
        }
    }

    @Test
    void everyScriptHeaderNamesItsKeysArgumentsAndReturnValue() throws Exception {
        for (var header : headers().entrySet()) {
            for (String part : List.of("KEYS", "ARGV", "Returns")) {
                assertThat(header.getValue()).as(header.getKey() + " names its " + part).contains(part);
            }
        }
    }

    @Test
    void terminalStatesLeadNowhereButAnOperatorRetryOfDead() {
        for (JobState s : JobState.values()) {
            if (!s.isTerminal()) continue;
            for (JobState to : JobState.values()) {
                if (s == JobState.DEAD && to == JobState.QUEUED) continue;
                assertThat(s.canMoveTo(to)).as(s + " -> " + to).isFalse();
            }
        }
    }
}
