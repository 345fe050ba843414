package io.costq.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.costq.core.job.JobState;
import io.costq.core.route.SessionState;
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
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The state tables are the contract: the {@code FROM -> TO} lines of every script's header, taken together, are
 * exactly the legal transitions of their table — {@link JobState} for the job scripts, {@link SessionState} for the
 * decision server's (those built on {@code lib/route}). A script that starts making a transition its table does not
 * allow, or a table entry no script makes, fails here.
 */
class StateTableTest {
    private static final Pattern ARROW = Pattern.compile("^\\s+(\\(none\\)|[A-Z_]+) -> ([A-Z_]+(?: \\| [A-Z_]+)*)(?:\\s.*)?$");
    /** A session script's line may name several moves ("NONE -> LIVE (admitted)   LIVE -> LIVE (...)"). */
    private static final Pattern SESSION_ARROW = Pattern.compile("\\b([A-Z]+) -> ([A-Z]+)\\b");

    /** A top-level script (libraries are not transitions): its header, and whether it moves sessions. */
    private record Script(String name, String header, boolean movesSessions) {
    }

    private static List<Script> scripts() throws IOException, URISyntaxException {
        Path dir = Path.of(LuaScript.class.getResource("/lua").toURI());
        Map<String, Script> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".lua")).toList()) {
                String text = Files.readString(f);
                String name = f.getFileName().toString();
                assertThat(text).as(name + " opens with a header").startsWith("--[[");
                out.put(name, new Script(name, text.substring(0, text.indexOf("]]")), text.contains("--@include lib/route")));
            }
        }
        return List.copyOf(out.values());
    }

    @Test
    void theJobScriptHeadersListExactlyTheTransitionsOfTheJobStateTable() throws Exception {
        Map<JobState, Set<JobState>> listed = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) listed.put(s, EnumSet.noneOf(JobState.class));
        for (Script script : scripts()) {
            if (script.movesSessions()) continue;
            for (String line : script.header().split("\n")) {
                Matcher m = ARROW.matcher(line);
                if (!m.matches()) continue;
                for (String to : m.group(2).split(" \\| ")) {
                    JobState target = JobState.valueOf(to);
                    if (m.group(1).equals("(none)")) {
                        assertThat(JobState.initials()).as(script.name() + ": a new job's state").contains(target);
                        continue;
                    }
                    JobState from = JobState.valueOf(m.group(1));
                    if (from != target) listed.get(from).add(target); // X -> X moves a job within its state
                }
            }
        }
        assertListedExactly(JobState.class, listed, JobState::canMoveTo);
    }

    /** Lines starting "server" describe a server's registration, which has no table: they are not session moves. */
    @Test
    void theSessionScriptHeadersListExactlyTheTransitionsOfTheSessionStateTable() throws Exception {
        Map<SessionState, Set<SessionState>> listed = new EnumMap<>(SessionState.class);
        for (SessionState s : SessionState.values()) listed.put(s, EnumSet.noneOf(SessionState.class));
        for (Script script : scripts()) {
            if (!script.movesSessions()) continue;
            for (String line : script.header().split("\n")) {
                if (line.trim().startsWith("server ")) continue;
                Matcher m = SESSION_ARROW.matcher(line);
                while (m.find()) {
                    listed.get(SessionState.valueOf(m.group(1))).add(SessionState.valueOf(m.group(2)));
                }
            }
        }
        assertListedExactly(SessionState.class, listed, SessionState::canMoveTo);
    }

    /** Every pair of states: listed in some header exactly when the table allows it. */
    private static <S extends Enum<S>> void assertListedExactly(Class<S> states, Map<S, Set<S>> listed, BiPredicate<S, S> allowed) {
        for (S from : states.getEnumConstants()) {
            for (S to : states.getEnumConstants()) {
                assertThat(listed.get(from).contains(to)).as(from + " -> " + to + " in a script header")
                        .isEqualTo(allowed.test(from, to));
            }
        }
    }

    @Test
    void everyScriptHeaderNamesItsKeysArgumentsAndReturnValue() throws Exception {
        for (Script script : scripts()) {
            for (String part : List.of("KEYS", "ARGV", "Returns")) {
                assertThat(script.header()).as(script.name() + " names its " + part).contains(part);
            }
        }
    }

    @Test
    void terminalStatesLeadNowhereButAnOperatorRetryOfDeadOrFailed() {
        for (JobState s : JobState.values()) {
            if (!s.isTerminal()) continue;
            for (JobState to : JobState.values()) {
                if ((s == JobState.DEAD || s == JobState.FAILED) && to == JobState.QUEUED) continue;
                assertThat(s.canMoveTo(to)).as(s + " -> " + to).isFalse();
            }
        }
    }
}
