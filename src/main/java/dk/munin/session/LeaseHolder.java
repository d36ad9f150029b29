package dk.munin.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a session's lease and until when: the content of a lease object.
 *
 * @param token        this holding's own id: a renewal or release touches only the lease it took
 * @param host         the machine's name
 * @param pid          the process on that machine
 * @param processStart when that process started, so a pid the system has since given to another
 *                     process is not taken for the holder
 * @param acquired     when the lease was taken
 * @param expires      until when it holds unless renewed
 */
record LeaseHolder(String token, String host, long pid, Instant processStart, Instant acquired, Instant expires) {

    /** This process, holding from {@code now} for as long as {@code expires} says. */
    static LeaseHolder thisProcess(Instant now, Instant expires) {
        ProcessHandle self = ProcessHandle.current();
        return new LeaseHolder(UUID.randomUUID().toString(), hostName(), self.pid(), self.info().startInstant().orElse(null), now, expires);
    }

    LeaseHolder renewedUntil(Instant newExpiry) {
        return new LeaseHolder(token, host, pid, processStart, acquired, newExpiry);
    }

    /**
     * Whether the holder may still be running at {@code now}. Past its expiry it is not; on this
     * machine a holder whose process is gone is not either, so a run killed here is taken over at
     * once rather than after the lease's expiry.
     */
    boolean mayBeRunning(Instant now) {
        if (!now.isBefore(expires)) {
            return false;
        }
        if (!host.equals(hostName())) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isPresent() && process.get().isAlive()
                && (processStart == null || Objects.equals(process.get().info().startInstant().orElse(null), processStart));
    }

    String describe() {
        return "process " + pid + " on " + host + " (since " + acquired + ", lease until " + expires + ")";
    }

    byte[] toJson() {
        ObjectNode json = Json.object().put("token", token).put("host", host).put("pid", pid)
                .put("process_start", processStart == null ? null : processStart.toString())
                .put("acquired", acquired.toString()).put("expires", expires.toString());
        return Json.writePretty(json);
    }

    static LeaseHolder fromJson(byte[] content) {
        JsonNode json = Json.parse(content);
        return new LeaseHolder(json.path("token").asText(), json.path("host").asText(), json.path("pid").asLong(),
                json.path("process_start").isTextual() ? Instant.parse(json.path("process_start").asText()) : null,
                Instant.parse(json.path("acquired").asText()), Instant.parse(json.path("expires").asText()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
    }
}
