package dk.munin.contract.testing;

import dk.munin.contract.testing.FaultScript.S3Request;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain HTTP proxy on loopback in front of an S3 server (the {@link EmbeddedS3}), injecting
 * the faults of real S3 and real networks into chosen requests by a {@link FaultScript}: 500
 * InternalError and 503 SlowDown with S3's XML error body, connections reset while a request or
 * its answer is on the wire, answers held back, and bodies that end before their Content-Length.
 * Point a real S3 client at {@link #endpoint()} (path-style); requests pass through unchanged,
 * their signatures too. Each request goes to the server on a connection of its own.
 */
public final class FaultyS3Proxy implements AutoCloseable {

    /** The part of a body that gets through before a cut: half of it, at least this many bytes when it has them. */
    private static final int MIN_BYTES_BEFORE_CUT = 1;
    /**
     * How long the part of an answer before a reset has to reach the client: a reset discards what
     * the client has received but not read, head included, which would turn a break inside the body
     * into one before the answer (a different fault) whenever the client is slow to read.
     */
    private static final Duration RESET_AFTER_DATA = Duration.ofMillis(200);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A fault the proxy applied: to which request, and what it did. */
    public record Injected(S3Request request, Fault fault) {
        @Override
        public String toString() {
            return "#" + request.number() + " " + request.method() + " " + request.uri()
                    + (request.query().isEmpty() ? "" : "?" + request.query()) + ": " + fault;
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "faulty-s3-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Injected> injected = new CopyOnWriteArrayList<>();
    /** Not copy-on-write: a benchmark sends hundreds of thousands of requests through. */
    private final List<S3Request> seen = Collections.synchronizedList(new ArrayList<>());
    private volatile FaultScript script;

    private FaultyS3Proxy(ServerSocket server, InetSocketAddress upstream, FaultScript script) {
        this.server = server;
        this.upstream = upstream;
        this.script = script;
    }

    /** @param upstreamEndpoint the S3 server's http:// endpoint, e.g. {@link EmbeddedS3#endpoint()} */
    public static FaultyS3Proxy start(String upstreamEndpoint, FaultScript script) throws IOException {
        URI uri = URI.create(upstreamEndpoint);
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        FaultyS3Proxy proxy = new FaultyS3Proxy(server, new InetSocketAddress(uri.getHost(), uri.getPort()), script);
        Thread acceptor = new Thread(proxy::accept, "faulty-s3-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return proxy;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Replaces the script for the requests from now on. */
    public void script(FaultScript next) {
        this.script = next;
    }

    /** Forgets the requests and faults seen so far (the request numbers go on counting). */
    public void forget() {
        seen.clear();
        injected.clear();
    }

    /** Every fault applied so far, in the order applied. */
    public List<Injected> injected() {
        return List.copyOf(injected);
    }

    /** Every request seen so far, faulted or not. */
    public List<S3Request> requests() {
        return List.copyOf(seen);
    }

    /** How many requests of {@code method} on {@code key} the proxy has seen, faulted or not: the client's attempts. */
    public long attempts(String method, String key) {
        return requests().stream().filter(r -> r.method().equals(method) && r.key().equals(key)).count();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                connections.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** One client connection: its requests one after another, as HTTP/1.1 keep-alive sends them. */
    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            for (HttpHead head = HttpHead.read(in); head != null; head = HttpHead.read(in)) {
                if (!exchange(head, in, out, client)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or a fault ended the connection: nothing to answer
        } finally {
            open.remove(client);
        }
    }

    /** @return whether the connection stays open for the client's next request */
    private boolean exchange(HttpHead request, InputStream in, OutputStream out, Socket client) throws IOException {
        S3Request s3 = describe(requests.incrementAndGet(), request);
        seen.add(s3);
        Fault fault = script.faultFor(s3);
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (request.expectsContinue()) {
            // S3 would say 100 Continue before the body: the server behind never sees the Expect
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        if (kind == Fault.Kind.INTERNAL_ERROR || kind == Fault.Kind.SLOW_DOWN) {
            request.copyBody(in, OutputStream.nullOutputStream(), false);
            injected.add(new Injected(s3, fault));
            writeError(out, s3, kind == Fault.Kind.INTERNAL_ERROR);
            return true;
        }
        try (Socket server = new Socket()) {
            server.connect(upstream);
            InputStream fromServer = new BufferedInputStream(server.getInputStream());
            OutputStream toServer = new BufferedOutputStream(server.getOutputStream());
            HttpHead forwarded = request.without("Expect").with("Connection", "close");
            forwarded.writeTo(toServer);
            if (kind == Fault.Kind.RESET_DURING_REQUEST) {
                long length = Math.max(request.contentLength(), 0);
                copyCut(request, in, toServer, length / 2, false);
                injected.add(new Injected(s3, fault));
                reset(server);
                reset(client);
                return false;
            }
            request.copyBody(in, toServer, false);
            toServer.flush();
            HttpHead response = HttpHead.read(fromServer);
            while (response != null && response.status() < 200) {
                response = HttpHead.read(fromServer); // interim answers are the proxy's to give, above
            }
            if (response == null) {
                throw new IOException("the S3 server closed the connection without an answer");
            }
            return answer(s3, fault, request, response, fromServer, out, client);
        }
    }

    private boolean answer(S3Request s3, Fault fault, HttpHead request, HttpHead response, InputStream fromServer,
                           OutputStream out, Socket client) throws IOException {
        boolean hasBody = !request.firstWord().equals("HEAD") && response.status() != 204 && response.status() != 304
                && response.contentLength() != 0;
        boolean framed = response.isChunked() || response.contentLength() >= 0;
        HttpHead toClient = response.without("Connection");
        if (!framed && hasBody) {
            toClient = toClient.with("Connection", "close");
        }
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (kind == Fault.Kind.DELAY) {
            injected.add(new Injected(s3, fault)); // before the wait: the client may have given up and gone on by its end
            sleep(fault);
        }
        if (kind == Fault.Kind.RESET_DURING_RESPONSE) {
            if (hasBody) {
                toClient.writeTo(out);
                copyCut(response, fromServer, out, half(response), true);
                pause(RESET_AFTER_DATA); // a reset drops what the client has not read yet: let it read what was sent
            }
            injected.add(new Injected(s3, fault));
            reset(client);
            return false;
        }
        if (kind == Fault.Kind.TRUNCATED_BODY && hasBody && response.contentLength() > 0) {
            toClient.writeTo(out);
            copyCut(response, fromServer, out, half(response), true);
            out.flush();
            injected.add(new Injected(s3, fault));
            client.shutdownOutput(); // a clean end of the stream, not a reset: only the length tells
            return false;
        }
        toClient.writeTo(out);
        if (hasBody) {
            response.copyBody(fromServer, out, true);
        }
        out.flush();
        return framed || !hasBody;
    }

    private static long half(HttpHead message) {
        long length = message.contentLength();
        return length < 0 ? MIN_BYTES_BEFORE_CUT : Math.max(MIN_BYTES_BEFORE_CUT, length / 2);
    }

    /**
     * Copies the first {@code limit} bytes of the body, then stops as a broken connection would.
     *
     * @param isResponse a response's unframed body runs to the end of the connection; a request's is empty
     */
    private static void copyCut(HttpHead message, InputStream in, OutputStream out, long limit, boolean isResponse) throws IOException {
        CuttingStream cutting = new CuttingStream(out, limit);
        try {
            message.copyBody(in, cutting, isResponse);
        } catch (CuttingStream.Cut expected) {
            // the cut point was reached
        }
        out.flush();
    }

    /** A TCP reset (RST) instead of an orderly close: what a broken connection looks like to the other end. */
    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    private static void sleep(Fault fault) throws IOException {
        pause(fault.delay());
    }

    private static void pause(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while holding an answer back", e);
        }
    }

    /** S3's own error answer: the XML body and headers of a real InternalError or SlowDown. */
    private static void writeError(OutputStream out, S3Request request, boolean internalError) throws IOException {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        String code = internalError ? "InternalError" : "SlowDown";
        String message = internalError ? "We encountered an internal error. Please try again." : "Please reduce your request rate.";
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message><RequestId>" + requestId + "</RequestId><HostId>" + requestId.toLowerCase(Locale.ROOT)
                + "</HostId></Error>").getBytes(StandardCharsets.UTF_8);
        boolean head = request.method().equals("HEAD");
        List<String[]> headers = new ArrayList<>(List.of(
                new String[]{"x-amz-request-id", requestId},
                new String[]{"x-amz-id-2", requestId.toLowerCase(Locale.ROOT)},
                new String[]{"Content-Type", "application/xml"},
                new String[]{"Content-Length", head ? "0" : String.valueOf(body.length)},
                new String[]{"Date", HTTP_DATE.format(Instant.now())},
                new String[]{"Server", "AmazonS3"}));
        HttpHead.of(internalError ? "HTTP/1.1 500 Internal Server Error" : "HTTP/1.1 503 Slow Down", headers).writeTo(out);
        if (!head) {
            out.write(body);
        }
        out.flush();
    }

    private static S3Request describe(int number, HttpHead request) {
        String target = request.secondWord();
        int question = target.indexOf('?');
        String rawPath = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);
        String path = URI.create("http://proxy" + rawPath).getPath();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        String bucket = trimmed.isEmpty() ? null : slash < 0 ? trimmed : trimmed.substring(0, slash);
        String key = slash < 0 ? "" : trimmed.substring(slash + 1);
        return new S3Request(number, request.firstWord(), bucket, key, query, request.header("Range"));
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        connections.shutdownNow();
    }

    /** Passes bytes through up to a limit, then fails every write: where a fault cuts a body. */
    private static final class CuttingStream extends FilterOutputStream {
        private long left;

        CuttingStream(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int passed = (int) Math.min(length, left);
            out.write(bytes, offset, passed);
            left -= passed;
            if (passed < length || left == 0) {
                throw new Cut();
            }
        }

        /** Not a failure: the point where the fault cuts the body. */
        static final class Cut extends IOException {
            Cut() {
                super("cut", null);
            }
        }
    }
}
