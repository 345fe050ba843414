package io.costq.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The bits of RESP the bench needs: encode a command, read one reply (raw bytes or decoded). */
final class Resp {
    private Resp() {
    }

    static byte[] command(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "*" + parts.length + "\r\n");
        for (String p : parts) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            write(out, "$" + b.length + "\r\n");
            out.writeBytes(b);
            write(out, "\r\n");
        }
        return out.toByteArray();
    }

    /** Reads one reply: String for simple/bulk strings, Long, List, null; errors throw. */
    static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) throw new IOException("connection closed");
        String line = line(in, null);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IOException("Redis error: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> {
                int n = Integer.parseInt(line);
                if (n < 0) yield null;
                byte[] b = in.readNBytes(n + 2);
                yield new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                if (n < 0) yield null;
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) list.add(read(in));
                yield list;
            }
            default -> throw new IOException("unexpected RESP type " + (char) type);
        };
    }

    /**
     * Copies one complete value from in to out without decoding it (RESP2 and the RESP3 types); returns the
     * command name (upper case) and, for EVALSHA, its first argument, when the value is a command array.
     */
    static String[] copy(InputStream in, OutputStream out, boolean wantName) throws IOException {
        int type = in.read();
        if (type < 0) throw new IOException("connection closed");
        out.write(type);
        String line = line(in, out);
        switch (type) {
            case '$', '=', '!' -> {
                int n = Integer.parseInt(line);
                if (n >= 0) {
                    byte[] b = in.readNBytes(n + 2);
                    out.write(b);
                    if (wantName) return new String[]{new String(b, 0, n, StandardCharsets.UTF_8)};
                }
                return null;
            }
            case '*', '>', '~' -> {
                int n = Integer.parseInt(line);
                String[] name = null;
                for (int i = 0; i < n; i++) {
                    String[] part = copy(in, out, wantName && i < 2);
                    if (wantName && i == 0 && part != null) name = new String[]{part[0].toUpperCase(), null};
                    if (wantName && i == 1 && name != null && part != null && name[0].equals("EVALSHA")) name[1] = part[0];
                }
                return name;
            }
            case '%', '|' -> {
                int n = Integer.parseInt(line);
                for (int i = 0; i < 2 * n; i++) copy(in, out, false);
                return null;
            }
            default -> {
                return null; // + - : _ , # ( one line
            }
        }
    }

    private static String line(InputStream in, OutputStream copy) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) throw new IOException("connection closed");
            sb.append((char) c);
        }
        int lf = in.read();
        if (copy != null) {
            for (int i = 0; i < sb.length(); i++) copy.write(sb.charAt(i));
            copy.write('\r');
            copy.write(lf);
        }
        return sb.toString();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
