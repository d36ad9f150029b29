package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dk.munin.contract.testing.CountingBlobStore;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.LiteralKeysBlobStore;
import dk.munin.contract.testing.SharedData;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Nothing gets out (docs/storage.md): `./munin run` as a user starts it, on photos in an embedded
 * S3 server that accepts only distinctive keys given in the environment (also with a session token),
 * weather from Frost on WireMock (the recorded Bergen answers) with a distinctive client id from
 * the environment. Every byte the run leaves (its stdout, stderr, every object it wrote, the run
 * report, and every file in its temporary folder) is searched for each secret, in the forms it
 * travels in (as is, Base64 in the Authorization header, URL-encoded), on a run that succeeds and
 * on runs that fail: Frost refusing the client id with an answer that echoes it, and S3 refusing
 * the keys. The photo listing also holds keys that would leave input_uri as paths; they are
 * failed photos with their reason, and the objects they would name are never read.
 */
class NothingGetsOutIT {

    private static final long TIMEOUT_SECONDS = 240;
    private static final String BUCKET = "field-season";
    private static final String ACCESS_KEY_ID = "AKIAMUNINLEAKTEST7Q2X";
    private static final String SECRET_ACCESS_KEY = "mUnIn/LeakTest+wJalrXUtnFEMIbPxRfiCYEXAMPLEKEY";
    private static final String WRONG_SECRET_ACCESS_KEY = "mUnIn/WrongSecret+ThatS3WillRefuse00000000000";
    private static final String SESSION_TOKEN = "MuninLeakTestSessionToken/FwoGZXIvYXdzEJr//////////wEaDLeakTest==";
    private static final String FROST_CLIENT_ID = "5ec7e7c1-1e47-4bad-beef-c0ffee11feed";
    private static final String SOURCES = "weather/frost/sources_nearest_bergen_SN50540.json";
    private static final String OBSERVATIONS = "weather/frost/observations_SN50540_bergen-florida_2022-04-01_t-rh-wind.json";
    /** Keys S3 allows that would name something outside raw/ as a path, each with the reason Stage-0 records. */
    private static final Map<String, String> ESCAPING_KEYS = Map.of(
            "raw/StationA/../../x.jpg", "'..' segment",
            "raw//x.jpg", "absolute path",
            "raw/StationA//x.jpg", "empty segment",
            "raw/StationA\\..\\..\\x.jpg", "backslash",
            "raw/s3://other-bucket/x.jpg", "URI");

    @TempDir
    Path dir;
    private EmbeddedS3 s3;
    private CountingBlobStore counted;
    private WireMockServer frost;
    private Path model;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isReadable(Path.of("target/munin.jar")) && Files.isReadable(Path.of("detector/target/munin-detector.jar")),
                "Skipped: needs target/munin.jar and the detector jar (`make test` builds both before this runs)");
        s3 = EmbeddedS3.startWithKeys(this::counting, ACCESS_KEY_ID, SECRET_ACCESS_KEY, BUCKET);
        frost = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        frost.start();
        model = TinyOnnxModel.fastestDetWithOneCat(dir.resolve("tiny.onnx"), 0.9f);
        // Bergen, on 2022-04-01 at 12:10 UTC: the recorded Frost answers' station and day
        byte[] photo = TestPhotos.jpeg().taken(LocalDateTime.of(2022, 4, 1, 13, 10)).gps(60.3915, 5.3199).bytes();
        put("raw/StationA/IMG_0001.JPG", photo);
        put("raw/StationB/IMG_0001.JPG", TestPhotos.jpeg().taken(LocalDateTime.of(2022, 4, 1, 13, 10)).gps(59.9139, 10.7522).bytes());
        put("x.jpg", photo);
        ESCAPING_KEYS.keySet().forEach(key -> put(key, photo));
    }

    /** Counting what is read, over a store that keeps keys literally as S3 does. */
    private BlobStore counting(BlobStore blobs) {
        counted = new CountingBlobStore(new LiteralKeysBlobStore(blobs));
        return counted;
    }

    @AfterEach
    void stop() throws Exception {
        if (frost != null) {
            frost.stop();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    /**
     * One run, two cameras: Frost answers for the one near Bergen (the recorded answers, asked
     * with the client id) and refuses the other with a 401 whose body and headers echo the id.
     */
    @Test
    void aRunWithFrostAndS3KeysLeavesNoSecretAnywhereAndReadsNothingOutsideItsInput() throws Exception {
        serveFrost();

        Finished run = munin("frost-and-s3", SECRET_ACCESS_KEY, null);

        assertThat(run.exitCode()).as(run.console()).isZero();
        frost.verify(getRequestedFor(urlPathEqualTo("/observations/v0.jsonld")).withHeader("Authorization", equalTo(basicAuth())));
        JsonNode report = Json.parse(object("results/run_report.json"));
        assertThat(report.at("/weather/provider").asText()).isEqualTo("frost");
        assertThat(report.at("/weather/events_with_weather").asInt()).as("Frost was asked with the client id and answered: %s",
                report.path("weather")).isPositive();
        Map<String, String> left = whatTheRunLeft(run);
        assertThat(left).as("what is searched").containsKeys("stdout", "stderr", "s3://" + BUCKET + "/results/run_report.json",
                "s3://" + BUCKET + "/results/clusters.parquet", "s3://" + BUCKET + "/results/stage0/images.jsonl",
                "s3://" + BUCKET + "/results/stage1/detections.json", "s3://" + BUCKET + "/results/camtrap-dp/media.csv");
        assertThat(left.get("s3://" + BUCKET + "/results/weather/event_weather.jsonl")).as("the refusal is reported")
                .contains("HTTP 401");
        assertNoSecretIn(left);

        Map<String, String> failed = new LinkedHashMap<>();
        report.at("/photos/failed_photos").forEach(photo -> failed.put(photo.path("file").asText(), photo.path("error").asText()));
        ESCAPING_KEYS.forEach((key, reason) -> {
            String file = key.substring("raw/".length());
            assertThat(failed.get(file)).as("%s in %s", file, failed).startsWith("unsafe key '").contains(reason);
            assertThat(counted.gets(key)).as("the object %s is never read", key).isZero();
        });
        assertThat(failed).hasSameSizeAs(ESCAPING_KEYS);
        assertThat(counted.gets("x.jpg")).as("nor what raw/StationA/../../x.jpg names as a path").isZero();
        assertThat(counted.gets("raw/StationA/IMG_0001.JPG")).isPositive();
    }

    /** S3 refuses a wrong secret key (403 SignatureDoesNotMatch): the run fails at once, naming the place, not the keys. */
    @Test
    void s3RefusingTheKeysFailsTheRunWithoutNamingThem() throws Exception {
        Finished run = munin("s3-403", WRONG_SECRET_ACCESS_KEY, null);

        assertThat(run.exitCode()).as(run.console()).isNotZero();
        // the session's lease below output_uri is the first object a run touches
        assertThat(run.console()).as("the failure is named").contains("S3 refused the request")
                .contains("Cannot list s3://" + BUCKET + "/results/_work/s3-403/lease/");
        assertNoSecretIn(whatTheRunLeft(run));
    }

    /**
     * Session credentials: the SDK signs with the token and sends it (x-amz-security-token), which
     * the embedded server refuses as not implemented (501); the run fails after its retries
     * without naming the key id, the secret or the token.
     */
    @Test
    void aRunWithASessionTokenThatS3RefusesLeavesNoSecret() throws Exception {
        Finished run = munin("s3-session-token", SECRET_ACCESS_KEY, SESSION_TOKEN);

        assertThat(run.exitCode()).as(run.console()).isNotZero();
        assertThat(run.console()).as("the failure is named").contains("S3 answered 501").contains("s3://" + BUCKET + "/results/_work/");
        assertNoSecretIn(whatTheRunLeft(run));
    }

    private void serveFrost() throws IOException {
        String echo = "client id " + FROST_CLIENT_ID + " is not authorised here (Authorization: " + basicAuth() + ")";
        frost.stubFor(get(urlPathEqualTo("/sources/v0.jsonld")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withHeader("WWW-Authenticate", "Basic realm=\"" + FROST_CLIENT_ID + "\"")
                .withBody(Json.write(Json.object().set("error", Json.object().put("code", 401)
                        .put("message", "Unauthorized " + FROST_CLIENT_ID).put("reason", echo))))));
        frost.stubFor(get(urlPathEqualTo("/sources/v0.jsonld")).withHeader("Authorization", equalTo(basicAuth()))
                .withQueryParam("geometry", equalTo("nearest(POINT(5.3199 60.3915))"))
                .willReturn(okJson(Files.readString(SharedData.require(SOURCES)))));
        frost.stubFor(get(urlPathEqualTo("/observations/v0.jsonld")).withHeader("Authorization", equalTo(basicAuth()))
                .willReturn(okJson(Files.readString(SharedData.require(OBSERVATIONS)))));
    }

    private static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((FROST_CLIENT_ID + ":").getBytes(StandardCharsets.UTF_8));
    }

    /** Every secret in every form it travels in. */
    private static List<String> secretForms() {
        List<String> secrets = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, WRONG_SECRET_ACCESS_KEY, SESSION_TOKEN, FROST_CLIENT_ID);
        List<String> forms = new ArrayList<>();
        for (String secret : secrets) {
            forms.add(secret);
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
            forms.add(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            forms.add(Base64.getEncoder().encodeToString((secret + ":").getBytes(StandardCharsets.UTF_8)));
        }
        return forms;
    }

    /** Its stdout and stderr, every object it wrote, and every file in its temporary folder, by where they are. */
    private Map<String, String> whatTheRunLeft(Finished run) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("stdout", run.stdout());
        texts.put("stderr", run.stderr());
        for (String key : s3.blobs().list(BUCKET).contents().stream().map(S3Object::key).toList()) {
            if (!key.startsWith("raw/") && !key.equals("x.jpg")) {
                texts.put("s3://" + BUCKET + "/" + key, new String(object(key), StandardCharsets.ISO_8859_1));
            }
        }
        try (Stream<Path> files = Files.walk(run.temp())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                texts.put(file.toString(), Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        return texts;
    }

    private static void assertNoSecretIn(Map<String, String> texts) {
        for (String secret : secretForms()) {
            texts.forEach((where, text) -> assertThat(text).as("%s holds a secret", where).doesNotContain(secret));
        }
    }

    private record Finished(int exitCode, String stdout, String stderr, Path temp) {

        String console() {
            return stdout + stderr;
        }
    }

    /** `./munin run` from the project root with the secrets in its environment, as a user would give them. */
    private Finished munin(String name, String secretAccessKey, String sessionToken) throws Exception {
        Path temp = Files.createDirectories(dir.resolve(name + "/tmp"));
        Path manifest = Files.writeString(dir.resolve(name + "/manifest.json"), Json.write(Json.object()
                .put("input_uri", "s3://" + BUCKET + "/raw/").put("output_uri", "s3://" + BUCKET + "/results/")
                .put("budget_dkk", 5).put("time_zone", "+01:00").put("session_id", name)));
        Path stdout = dir.resolve(name + "/stdout.txt");
        Path stderr = dir.resolve(name + "/stderr.txt");
        ProcessBuilder builder = new ProcessBuilder("./munin", "run", "--manifest", manifest.toString(), "--model", model.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(variable -> variable.startsWith("AWS_") || variable.startsWith("MUNIN_") || variable.startsWith("CAMEL_"));
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        if (sessionToken != null) {
            env.put("AWS_SESSION_TOKEN", sessionToken);
        }
        env.put("AWS_REGION", EmbeddedS3.REGION);
        env.put("MUNIN_WEATHER_PROVIDERS", "frost");
        env.put("MUNIN_WEATHER_FROST_URL", frost.baseUrl());
        env.put("MUNIN_WEATHER_FROST_CLIENT_ID", FROST_CLIENT_ID);
        env.put("XDG_CACHE_HOME", temp.resolve("cache").toString());
        env.put("MUNIN_JAVA_OPTS", String.join(" ", "-Djava.io.tmpdir=" + temp,
                "-Dcamel.component.aws2-s3.override-endpoint=true",
                "-Dcamel.component.aws2-s3.uri-endpoint-override=" + s3.endpoint(),
                "-Dcamel.component.aws2-s3.force-path-style=true"));
        env.put("MUNIN_DETECT_JVM_OPTIONS", "-Xmx512m -Djava.io.tmpdir=" + temp);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("munin run did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Finished(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), temp);
    }

    private void put(String key, byte[] content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).build(), new ByteArrayInputStream(content));
    }

    private byte[] object(String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.blobs().getBlob(BUCKET, key)) {
            return in.readAllBytes();
        }
    }
}
