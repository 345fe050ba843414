package io.costq.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A lean HTTP/1.1 load generator, so the bench measures the server rather than its client: keep-alive connections
 * served by one selector thread (the caller's), <b>one request in flight per connection, no pipelining</b>, the
 * request bytes built once per user. A response is complete at its {@code Content-Length} (or the last chunk);
 * a status other than the expected one, a closed connection or a timeout counts as an error. It reads only what
 * it needs (status line, length), which keeps its CPU per request to a few syscalls; {@code java.net.http} spent
 * about as much CPU per POST as the API itself.
 */
final class HttpLoad implements AutoCloseable {
    /** Open loop: connections beyond the first {@code concurrency} are opened only when all are busy. */
    static final int MAX_CONNECTIONS = 512;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** What a run measured: requests answered with the expected status, errors, elapsed time (open loop: until the last send). */
    record Outcome(long ok, long errors, long nanos) {
    }

    private final InetSocketAddress server;
    private final byte[][] requests;
    private final int expect;
    private final Selector selector;
    private final List<Conn> all = new ArrayList<>();
    private final ArrayDeque<Conn> idle = new ArrayDeque<>();
    private long ok;
    private long errors;
    private int inFlight;
    private long lastExpiry;

    /**
     * @param bodies request bodies, used in turn (request i gets bodies[i % length])
     * @param expect the status that counts as success
     */
    HttpLoad(InetSocketAddress server, String path, List<String> bodies, int expect) throws IOException {
        this.server = server;
        this.expect = expect;
        this.requests = new byte[bodies.size()][];
        for (int i = 0; i < bodies.size(); i++) {
            byte[] body = bodies.get(i).getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            requests[i] = new byte[h.length + body.length];
            System.arraycopy(h, 0, requests[i], 0, h.length);
            System.arraycopy(body, 0, requests[i], h.length, body.length);
        }
        this.selector = Selector.open();
    }

    /**
     * Closed loop: n requests with {@code concurrency} in flight (each connection sends its next on its answer);
     * each round trip's time goes to {@code latency} if not null.
     */
    Outcome closed(int n, int concurrency, Samples latency) throws IOException {
        reset();
        while (all.size() < concurrency) idle.add(open());
        long t0 = System.nanoTime();
        int sent = 0;
        while (sent < n || inFlight > 0) {
            while (sent < n && !idle.isEmpty()) send(idle.poll(), sent++, System.nanoTime());
            selector.select(100);
            process(latency);
            expire();
        }
        return new Outcome(ok, errors, System.nanoTime() - t0);
    }

    /**
     * Open loop: request i is due at start + i / rate, sent then (or as soon as a connection is free) whatever
     * happened to earlier ones; its latency, from the due time, goes to {@code latency}. Coordinated omission is
     * kept out: a request waiting for a connection is late, and its wait is counted.
     */
    Outcome open(int rate, int seconds, int concurrency, Samples latency) throws IOException {
        reset();
        while (all.size() < concurrency) idle.add(open());
        int n = rate * seconds;
        double interval = 1e9 / rate;
        long start = System.nanoTime() + 1_000_000;
        ArrayDeque<long[]> due = new ArrayDeque<>(); // [index, due time] of requests waiting for a connection
        int scheduled = 0;
        long lastSend = start;
        while (scheduled < n || !due.isEmpty() || inFlight > 0) {
            long now = System.nanoTime();
            while (scheduled < n && start + (long) (scheduled * interval) <= now) {
                due.add(new long[] {scheduled, start + (long) (scheduled * interval)});
                scheduled++;
            }
            while (!due.isEmpty()) {
                Conn c = idle.poll();
                if (c == null && all.size() < MAX_CONNECTIONS) c = open();
                if (c == null) break;
                long[] d = due.poll();
                send(c, (int) d[0], d[1]);
                if (d[0] == n - 1) lastSend = System.nanoTime();
            }
            long wait = scheduled < n ? start + (long) (scheduled * interval) - System.nanoTime() : 100_000_000;
            if (wait > 2_000_000) {
                selector.select(wait / 1_000_000 - 1);
            } else if (selector.selectNow() == 0 && wait > 0) {
                LockSupport.parkNanos(Math.min(wait, 100_000)); // sub-ms sleeps: select's timeout has ms grain
            }
            process(latency);
            expire();
        }
        return new Outcome(ok, errors, lastSend - start);
    }

    private void reset() {
        ok = 0;
        errors = 0;
    }

    private Conn open() throws IOException {
        SocketChannel ch = SocketChannel.open(server);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        Conn c = new Conn(ch);
        c.key = ch.register(selector, SelectionKey.OP_READ, c);
        all.add(c);
        return c;
    }

    private void send(Conn c, int i, long timedFrom) throws IOException {
        c.out = ByteBuffer.wrap(requests[i % requests.length]);
        c.due = timedFrom;
        c.sentAt = System.nanoTime();
        c.in.clear();
        inFlight++;
        try {
            c.channel.write(c.out);
        } catch (IOException e) {
            fail(c);
            return;
        }
        if (c.out.hasRemaining()) c.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private void process(Samples latency) throws IOException {
        for (SelectionKey key : selector.selectedKeys()) {
            Conn c = (Conn) key.attachment();
            try {
                if (key.isValid() && key.isWritable()) {
                    c.channel.write(c.out);
                    if (!c.out.hasRemaining()) key.interestOps(SelectionKey.OP_READ);
                }
                if (key.isValid() && key.isReadable()) read(c, latency);
            } catch (IOException e) {
                fail(c);
            }
        }
        selector.selectedKeys().clear();
    }

    private void read(Conn c, Samples latency) throws IOException {
        if (!c.in.hasRemaining()) c.in = ByteBuffer.allocate(c.in.capacity() * 2).put(c.in.flip());
        if (c.channel.read(c.in) < 0) {
            fail(c);
            return;
        }
        if (c.out == null) return; // nothing asked: ignore
        int status = complete(c.in);
        if (status < 0) return;
        long done = System.nanoTime();
        c.out = null;
        inFlight--;
        if (status == expect) {
            ok++;
            if (latency != null) latency.add(done - c.due);
        } else {
            errors++;
        }
        idle.add(c);
    }

    /** The status of a complete response in buf[0, position), or -1 while it is incomplete. */
    static int complete(ByteBuffer buf) {
        byte[] a = buf.array();
        int len = buf.position();
        int headEnd = indexOf(a, 0, len, "\r\n\r\n");
        if (headEnd < 0) return -1;
        String head = new String(a, 0, headEnd, StandardCharsets.US_ASCII);
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase(java.util.Locale.ROOT);
        int cl = lower.indexOf("\r\ncontent-length:");
        if (cl >= 0) {
            int end = lower.indexOf("\r\n", cl + 2);
            long length = Long.parseLong(head.substring(cl + 17, end < 0 ? head.length() : end).trim());
            return len >= headEnd + 4 + length ? status : -1;
        }
        if (lower.contains("\r\ntransfer-encoding: chunked")) return indexOf(a, headEnd + 4, len, "0\r\n\r\n") >= 0 ? status : -1;
        return status; // no body
    }

    private static int indexOf(byte[] a, int from, int to, String s) {
        outer:
        for (int i = from; i <= to - s.length(); i++) {
            for (int j = 0; j < s.length(); j++) if (a[i + j] != s.charAt(j)) continue outer;
            return i;
        }
        return -1;
    }

    /** A connection that broke: its request (if any) is an error; it is replaced by a fresh one. */
    private void fail(Conn c) throws IOException {
        if (c.out != null) {
            c.out = null;
            inFlight--;
            errors++;
        }
        c.key.cancel();
        c.channel.close();
        all.remove(c);
        idle.remove(c);
        idle.add(open());
    }

    private void expire() throws IOException {
        long now = System.nanoTime();
        if (now - lastExpiry < 100_000_000) return;
        lastExpiry = now;
        for (Conn c : List.copyOf(all)) if (c.out != null && now - c.sentAt > TIMEOUT_NANOS) fail(c);
    }

    @Override
    public void close() throws IOException {
        for (Conn c : all) c.channel.close();
        selector.close();
    }

    private static final class Conn {
        final SocketChannel channel;
        SelectionKey key;
        ByteBuffer in = ByteBuffer.allocate(4096);
        ByteBuffer out;
        long due;
        long sentAt;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }
}
