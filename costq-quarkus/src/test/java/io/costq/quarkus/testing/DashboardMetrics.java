package io.costq.quarkus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which {@code costq_*} series the Grafana dashboards query, and which a scrape exports. Names are compared as
 * Prometheus sample names ({@code costq_wait_seconds_bucket}, {@code costq_jobs_finished_total}), so a query
 * that forgets a unit or a {@code _total} suffix is caught as well as one naming a meter that does not exist.
 *
 * <p>Two apps export costq metrics; each app's test checks the names it owns. The API owns every name declared
 * in its {@code io.costq.api.metrics} package; the worker node owns the rest.
 */
public final class DashboardMetrics {
    private static final Pattern NAME = Pattern.compile("\\bcostq_[a-zA-Z0-9_]+");
    private static final Pattern DECLARED = Pattern.compile("\"(costq_[a-z0-9_]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DashboardMetrics() {
    }

    /** The repository root: the nearest directory upwards holding {@code grafana/dashboards}. */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("grafana/dashboards"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("no grafana/dashboards above " + Path.of("").toAbsolutePath());
        return p;
    }

    /** Every dashboard JSON file under {@code grafana/dashboards}. */
    public static List<Path> dashboards(Path root) {
        try (Stream<Path> files = Files.list(root.resolve("grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PromQL of every panel target ({@code expr}) and template variable ({@code query}), by where it is. */
    public static Map<String, String> queries(Path dashboard) {
        try {
            Map<String, String> out = new TreeMap<>();
            collect(JSON.readTree(dashboard.toFile()), dashboard.getFileName().toString(), out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, String where, Map<String, String> out) {
        if (node.isObject()) {
            String here = node.hasNonNull("title") ? where + " / " + node.get("title").asText() : where;
            for (String field : List.of("expr", "query")) {
                JsonNode q = node.get(field);
                if (q != null && q.isTextual()) out.put(here + " [" + (node.has("refId") ? node.get("refId").asText() : field) + "]", q.asText());
                if (q != null && q.isObject() && q.hasNonNull("query")) out.put(here + " [query]", q.get("query").asText());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!f.getKey().equals("expr") && !f.getKey().equals("query")) collect(f.getValue(), here, out);
            }
        } else if (node.isArray()) {
            for (JsonNode n : node) collect(n, where, out);
        }
    }

    /** The costq series each query names, mapped to the places that name it. */
    public static Map<String, List<String>> referenced(List<Path> dashboards) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Path d : dashboards) {
            queries(d).forEach((where, q) -> {
                Matcher m = NAME.matcher(q);
                while (m.find()) out.computeIfAbsent(m.group(), k -> new ArrayList<>()).add(where);
            });
        }
        return out;
    }

    /** Sample names in a Prometheus text exposition. */
    public static Set<String> exported(String exposition) {
        Set<String> out = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') end++;
            out.add(line.substring(0, end));
        }
        return out;
    }

    /** Metric names declared as string literals in the API's metrics package: the names the API owns. */
    public static Set<String> apiDeclared(Path root) {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.list(root.resolve("scheduler-api/src/main/java/io/costq/api/metrics"))) {
            for (Path f : files.toList()) {
                Matcher m = DECLARED.matcher(Files.readString(f));
                while (m.find()) out.add(m.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** True when a sample name belongs to one of the declared meters (its name plus unit/suffix parts). */
    public static Predicate<String> ownedBy(Set<String> declared) {
        return sample -> declared.stream().anyMatch(d -> sample.equals(d) || sample.startsWith(d + "_"));
    }

    /** One line per referenced series that {@code checkedHere} selects and the scrape does not export. */
    public static List<String> missing(Map<String, List<String>> referenced, Set<String> exported, Predicate<String> checkedHere) {
        List<String> out = new ArrayList<>();
        referenced.forEach((name, where) -> {
            if (checkedHere.test(name) && !exported.contains(name)) out.add(name + " (queried in " + where + ")");
        });
        return out;
    }
}
