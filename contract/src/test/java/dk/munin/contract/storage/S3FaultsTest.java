package dk.munin.contract.storage;

import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.Fault;
import dk.munin.contract.testing.FaultScript;
import dk.munin.contract.testing.FaultyS3Proxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3ObjectStore with a real SDK client (the JDK HTTP client, as the detector's) through a
 * {@link FaultyS3Proxy} in front of the embedded S3 server: each kind of fault once is retried and
 * the operation returns the whole, right answer; a fault that persists ends in
 * {@link StorageUnavailable} naming the operation and the object after exactly the configured
 * attempts. The proxy counts the attempts: every request reaching it is one. (The JDK's client
 * itself sends a GET or HEAD once more when its connection breaks before any answer; for that
 * fault the proxy sees two requests per attempt, so it is left out of the counts below.)
 */
class S3FaultsTest {

    private static final int MAX_ATTEMPTS = 4;
    /** Short waits and a short read timeout keep the test fast; the bounds work the same at the real settings. */
    private static final S3Retries RETRIES = new S3Retries(MAX_ATTEMPTS, Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(20), Duration.ofSeconds(1), Duration.ofMillis(800));
    /** Longer than the read timeout: the client gives the attempt up. */
    private static final Fault SLOW = Fault.delay(Duration.ofMillis(1500));
    private static final String BUCKET = "faults";
    private static final String KEY = "photos/StationA/IMG_0001.JPG";
    private static final Location OBJECT = Location.parse("s3://" + BUCKET + "/" + KEY);
    private static final byte[] CONTENT = content(300_000);

    private static EmbeddedS3 s3;
    private static FaultyS3Proxy proxy;
    private static S3ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(BUCKET);
        proxy = FaultyS3Proxy.start(s3.endpoint(), FaultScript.none());
        store = new S3ObjectStore(() -> EmbeddedS3.client(proxy.endpoint(), RETRIES));
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        proxy.close();
        s3.close();
    }

    @BeforeEach
    void putTheObject() {
        proxy.script(FaultScript.none());
        putDirectly(KEY, CONTENT);
        proxy.forget();
    }

    /** The operations, each with the HTTP method it sends and what it must return. */
    enum Operation {
        READ("GET", KEY), READ_RANGE("GET", KEY), OPEN("GET", KEY), EXISTS("HEAD", KEY), LIST("GET", ""), WRITE("PUT", KEY);

        final String method;
        final String key;

        Operation(String method, String key) {
            this.method = method;
            this.key = key;
        }

        void runAndCheck() throws Exception {
            switch (this) {
                case READ -> assertThat(store.read(OBJECT)).isEqualTo(CONTENT);
                case READ_RANGE -> assertThat(store.readRange(OBJECT, 1000, 64 * 1024)).isEqualTo(Arrays.copyOfRange(CONTENT, 1000, 1000 + 64 * 1024));
                case OPEN -> {
                    try (InputStream in = store.open(OBJECT)) {
                        assertThat(in.readAllBytes()).isEqualTo(CONTENT);
                    }
                }
                case EXISTS -> assertThat(store.exists(OBJECT)).isTrue();
                case LIST -> assertThat(store.list(Location.parse("s3://" + BUCKET + "/photos/"))).extracting(StoredObject::size)
                        .containsExactly((long) CONTENT.length);
                case WRITE -> {
                    byte[] next = content(CONTENT.length + 7);
                    store.write(OBJECT, next);
                    assertThat(getDirectly(KEY)).isEqualTo(next);
                }
            }
        }
    }

    static Stream<Arguments> onceEach() {
        List<Fault> everyKind = List.of(Fault.INTERNAL_ERROR, Fault.SLOW_DOWN, Fault.RESET_DURING_REQUEST, Fault.RESET_DURING_RESPONSE, SLOW);
        Stream<Arguments> general = Arrays.stream(Operation.values())
                .flatMap(operation -> everyKind.stream().map(fault -> Arguments.of(fault, operation)));
        // only an object's body has a Content-Length to fall short of (a listing's XML comes chunked)
        Stream<Arguments> truncated = Stream.of(Operation.READ, Operation.READ_RANGE, Operation.OPEN)
                .map(operation -> Arguments.of(Fault.TRUNCATED_BODY, operation));
        return Stream.concat(general, truncated);
    }

    @ParameterizedTest(name = "{0} once on {1}")
    @MethodSource("onceEach")
    void aFaultOnceIsRetriedAndTheAnswerIsWhole(Fault fault, Operation operation) throws Exception {
        proxy.script(FaultScript.firstTimes(operation.method, operation.key, fault, 1));
        operation.runAndCheck();

        assertThat(proxy.injected()).as("the fault was injected").hasSize(1);
        long attempts = proxy.attempts(operation.method, operation.key);
        if (fault.kind() == Fault.Kind.RESET_DURING_REQUEST && !operation.method.equals("PUT")) {
            assertThat(attempts).as("the JDK client resends a bodiless request once itself").isBetween(2L, 3L);
        } else {
            assertThat(attempts).as("the failed attempt and the one that worked").isEqualTo(2);
        }
    }

    static Stream<Arguments> persistent() {
        return Stream.of(
                Arguments.of(Fault.INTERNAL_ERROR, Operation.READ, "Cannot read " + OBJECT + ": S3 answered 500 (4 attempts)"),
                Arguments.of(Fault.SLOW_DOWN, Operation.WRITE, "Cannot write " + OBJECT + ": S3 answered 503 (4 attempts)"),
                Arguments.of(Fault.SLOW_DOWN, Operation.LIST, "Cannot list s3://" + BUCKET + "/photos/: S3 answered 503 (4 attempts)"),
                Arguments.of(Fault.RESET_DURING_REQUEST, Operation.WRITE, "Cannot write " + OBJECT + ": S3 could not be reached"),
                Arguments.of(Fault.RESET_DURING_RESPONSE, Operation.READ_RANGE, "Cannot read a range of " + OBJECT),
                Arguments.of(Fault.TRUNCATED_BODY, Operation.READ, "ended after 150000 of its 300000 bytes"),
                Arguments.of(Fault.TRUNCATED_BODY, Operation.OPEN, "Cannot read " + OBJECT + ": the transfer broke off 4 times"),
                Arguments.of(SLOW, Operation.EXISTS, "Cannot look up " + OBJECT + ": S3 could not be reached"));
    }

    @ParameterizedTest(name = "{0} on every {1}")
    @MethodSource("persistent")
    void aFaultThatPersistsFailsAfterTheConfiguredAttemptsNamingTheObject(Fault fault, Operation operation, String message) {
        proxy.script(FaultScript.always(operation.method, operation.key, fault));

        assertThatThrownBy(operation::runAndCheck).isInstanceOf(StorageUnavailable.class).hasMessageContaining(message);

        assertThat(proxy.attempts(operation.method, operation.key)).isEqualTo(MAX_ATTEMPTS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cutUploads")
    void anUploadThatBreaksOffLeavesNoPartOfItVisible(Fault fault) {
        String fresh = "results/clusters-" + fault.kind() + ".parquet";
        byte[] next = content(CONTENT.length + 11);
        proxy.script(FaultScript.always("PUT", KEY, fault).or(FaultScript.always("PUT", fresh, fault)));

        assertThatThrownBy(() -> store.write(OBJECT, next)).isInstanceOf(StorageUnavailable.class).hasMessageContaining(OBJECT.uri());
        assertThatThrownBy(() -> store.write(Location.parse("s3://" + BUCKET + "/" + fresh), next))
                .isInstanceOf(StorageUnavailable.class).hasMessageContaining(fresh);

        assertThat(getDirectly(KEY)).as("the object keeps its old content, whole").isEqualTo(CONTENT);
        assertThat(s3.blobs().blobExists(BUCKET, fresh)).as("a new object that never arrived whole is not there at all").isFalse();
        proxy.script(FaultScript.firstTimes("PUT", KEY, fault, 1));
        store.write(OBJECT, next);
        assertThat(getDirectly(KEY)).isEqualTo(next);
    }

    static Stream<Fault> cutUploads() {
        return Stream.of(Fault.RESET_DURING_REQUEST, Fault.INTERNAL_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cutStreams")
    void aStreamThatBreaksOffResumesWhereItStoppedInsteadOfStartingAgain(Fault fault) throws Exception {
        proxy.script(FaultScript.firstTimes("GET", KEY, fault, 2));

        try (InputStream in = store.open(OBJECT)) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }

        List<String> ranges = proxy.requests().stream().map(FaultScript.S3Request::range).toList();
        assertThat(ranges).as("the first GET asks for the whole object, each later one for the rest from where it broke off")
                .hasSize(3).first().isNull();
        long resumedAt = Long.parseLong(ranges.get(1).replaceAll("bytes=(\\d+)-", "$1"));
        long resumedAgainAt = Long.parseLong(ranges.get(2).replaceAll("bytes=(\\d+)-", "$1"));
        assertThat(resumedAt).isPositive().isLessThan(resumedAgainAt);
        if (fault == Fault.TRUNCATED_BODY) {
            assertThat(List.of(resumedAt, resumedAgainAt)).as("half of each answer arrived").containsExactly(150_000L, 225_000L);
        }
    }

    static Stream<Fault> cutStreams() {
        return Stream.of(Fault.RESET_DURING_RESPONSE, Fault.TRUNCATED_BODY);
    }

    @org.junit.jupiter.api.Test
    void aStreamWhoseObjectChangedBeforeItResumedFailsRatherThanMixTwoVersions() {
        FaultScript replaceBeforeTheSecondGet = request -> {
            if (request.isObjectRead() && proxy.attempts("GET", KEY) == 2) {
                byte[] edited = CONTENT.clone();
                edited[edited.length - 1] ^= 1;
                putDirectly(KEY, edited);
            }
            return null;
        };
        proxy.script(FaultScript.firstTimes("GET", KEY, Fault.TRUNCATED_BODY, 1).or(replaceBeforeTheSecondGet));

        assertThatThrownBy(() -> {
            try (InputStream in = store.open(OBJECT)) {
                in.readAllBytes();
            }
        }).isInstanceOf(StorageException.class).hasMessageContaining("Cannot read " + OBJECT + ": it changed while it was being read");
    }

    private static void putDirectly(String key, byte[] content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), new ByteArrayInputStream(content));
    }

    private static byte[] getDirectly(String key) {
        try (ResponseInputStream<GetObjectResponse> in = s3.blobs().getBlob(BUCKET, key)) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new AssertionError("cannot read " + key + " from the server's store", e);
        }
    }

    /** Bytes that differ with the length, so that a mix of two versions or a shifted range shows. */
    private static byte[] content(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + length);
        }
        return bytes;
    }
}
