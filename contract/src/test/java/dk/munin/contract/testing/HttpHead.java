package dk.munin.contract.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start line and headers of an HTTP/1.1 message, and the copying of its body by the framing
 * the headers declare (Content-Length, chunked, or until the connection closes), as far as
 * {@link FaultyS3Proxy} needs them.
 */
final class HttpHead {

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int COPY_BUFFER = 16 * 1024;
    /** CR LF CR LF, as the last four bytes read. */
    private static final int END_OF_HEAD = 0x0D0A0D0A;

    private final String startLine;
    private final List<String[]> headers;

    private HttpHead(String startLine, List<String[]> headers) {
        this.startLine = startLine;
        this.headers = headers;
    }

    /** @return the next message's head, or null when the connection closed before one began */
    static HttpHead read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != END_OF_HEAD) {
            int b = in.read();
            if (b < 0) {
                if (bytes.size() == 0) {
                    return null;
                }
                throw new EOFException("the connection closed inside a message head");
            }
            bytes.write(b);
            lastFour = (lastFour << 8) | b;
            if (bytes.size() > MAX_HEAD_BYTES) {
                throw new IOException("a message head longer than " + MAX_HEAD_BYTES + " bytes");
            }
        }
        String[] lines = bytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[]{lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        return new HttpHead(lines[0], headers);
    }

    static HttpHead of(String startLine, List<String[]> headers) {
        return new HttpHead(startLine, new ArrayList<>(headers));
    }

    String startLine() {
        return startLine;
    }

    /** The request's method, or for a response its status code. */
    String firstWord() {
        return startLine.substring(0, startLine.indexOf(' '));
    }

    String secondWord() {
        String rest = startLine.substring(startLine.indexOf(' ') + 1);
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }

    int status() {
        return Integer.parseInt(secondWord());
    }

    String header(String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return null;
    }

    HttpHead without(String name) {
        List<String[]> kept = new ArrayList<>();
        for (String[] header : headers) {
            if (!header[0].equalsIgnoreCase(name)) {
                kept.add(header);
            }
        }
        return new HttpHead(startLine, kept);
    }

    HttpHead with(String name, String value) {
        HttpHead result = without(name);
        result.headers.add(new String[]{name, value});
        return result;
    }

    boolean expectsContinue() {
        String expect = header("Expect");
        return expect != null && expect.toLowerCase(Locale.ROOT).contains("100-continue");
    }

    boolean isChunked() {
        String encoding = header("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** The declared Content-Length, or -1 when there is none. */
    long contentLength() {
        String length = header("Content-Length");
        return length == null ? -1 : Long.parseLong(length);
    }

    void writeTo(OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder(startLine).append("\r\n");
        for (String[] header : headers) {
            text.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Copies the body that follows this head from {@code in} to {@code out}.
     *
     * @param untilClose for a response without Content-Length or chunking: its body runs to the end of the connection
     */
    void copyBody(InputStream in, OutputStream out, boolean untilClose) throws IOException {
        if (isChunked()) {
            copyChunked(in, out);
        } else if (contentLength() >= 0) {
            copyExactly(in, out, contentLength());
        } else if (untilClose) {
            in.transferTo(out);
        }
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = line(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (String trailer = line(in); ; trailer = line(in)) {
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (trailer.isEmpty()) {
                        return;
                    }
                }
            }
            copyExactly(in, out, size);
            String end = line(in);
            out.write((end + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    static void copyExactly(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("the connection closed " + left + " bytes before the end of a body");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection closed inside a chunked body");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
