package dk.munin.contract.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model file served the way a GitHub release serves an asset, on loopback with the JDK's HTTP
 * server: the release URL answers 302 to a CDN URL, which answers with the file and its
 * Content-Length; other paths answer 404, or 503 ({@link #unavailableUrl}). Counts the downloads;
 * the file can be swapped while it runs. Never the internet.
 */
public final class ReleaseServer implements AutoCloseable {

    private static final String CDN_PATH = "/cdn/objects/1234";
    private static final String UNAVAILABLE_PATH = "/unavailable";

    private final HttpServer server;
    private final String releasePath;
    private final AtomicInteger downloads = new AtomicInteger();
    private volatile byte[] file;

    private ReleaseServer(String releasePath, byte[] file) throws IOException {
        this.releasePath = releasePath;
        this.file = file;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(releasePath, exchange -> {
            exchange.getResponseHeaders().add("Location", CDN_PATH);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext(CDN_PATH, exchange -> {
            downloads.incrementAndGet();
            byte[] served = this.file;
            exchange.sendResponseHeaders(200, served.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(served);
            }
        });
        server.createContext(UNAVAILABLE_PATH, exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    /** @param releasePath e.g. /timmh/MegaDetectorLite/releases/download/v0.2/md_v5a.0.0.onnx */
    public static ReleaseServer serving(String releasePath, byte[] file) {
        try {
            return new ReleaseServer(releasePath, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The release URL (http://127.0.0.1:port/...). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + releasePath;
    }

    /** A URL on this server that answers 404. */
    public String missingUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/no/such/release/model.onnx";
    }

    /** A URL on this server that answers 503, as a server that is down for a while does. */
    public String unavailableUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + UNAVAILABLE_PATH + "/model.onnx";
    }

    /** How many times the file itself was sent. */
    public int downloads() {
        return downloads.get();
    }

    /** From now on the release serves this file instead. */
    public void serve(byte[] replacement) {
        file = replacement;
    }

    /** A loopback URL where nothing listens (a port that was free a moment ago): what a machine without network meets. */
    public static String unreachableUrl(String releasePath) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + releasePath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
