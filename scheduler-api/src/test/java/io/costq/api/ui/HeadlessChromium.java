package io.costq.api.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A real headless Chromium (Debian's /usr/bin/chromium) driven through chromedriver's W3C WebDriver HTTP protocol
 * with the JDK's HTTP client: no Selenium, no downloaded browser.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1400,1100");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process driver;
    private final Path profile;
    private final String base;
    private final String session;

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    }

    HeadlessChromium() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        driver = new ProcessBuilder(DRIVER.toString(), "--port=" + port).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        profile = Files.createTempDirectory("costq-chromium");
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!ready()) {
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("chromedriver did not start on " + base);
                Thread.sleep(50);
            }
            List<String> args = new java.util.ArrayList<>(FLAGS);
            args.add("--user-data-dir=" + profile);
            Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch", Map.of("browserName", "chrome",
                    "goog:chromeOptions", Map.of("binary", CHROMIUM.toString(), "args", args))));
            session = call("POST", "/session", caps).path("value").path("sessionId").asText();
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    void open(String url) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    /** Runs a script in the page ({@code return ...;}) and answers its value. */
    JsonNode eval(String script) throws IOException, InterruptedException {
        return call("POST", "/session/" + session + "/execute/sync", Map.of("script", script, "args", List.of())).path("value");
    }

    /** Polls a script until its value passes, or fails after the timeout naming the last value seen. */
    JsonNode await(String script, Predicate<JsonNode> done, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        JsonNode v = eval(script);
        while (!done.test(v)) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("page never satisfied the check; last value: " + v);
            Thread.sleep(100);
            v = eval(script);
        }
        return v;
    }

    void screenshot(Path png) throws IOException, InterruptedException {
        String b64 = call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
        Files.createDirectories(png.getParent());
        Files.write(png, Base64.getDecoder().decode(b64));
    }

    private boolean ready() {
        try {
            return call("GET", "/status", null).path("value").path("ready").asBoolean();
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(res.body());
        if (res.statusCode() >= 400) throw new IllegalStateException("WebDriver " + method + " " + path + ": " + json.path("value"));
        return json;
    }

    @Override
    public void close() {
        try {
            if (session != null) call("DELETE", "/session/" + session, null);
        } catch (Exception e) {
            // the driver goes away below anyway
        }
        driver.destroy();
        try {
            if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) driver.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind
        }
    }
}
