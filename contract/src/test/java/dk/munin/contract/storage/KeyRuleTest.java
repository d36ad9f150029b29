package dk.munin.contract.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The key rule (docs/storage.md) as Location.resolve enforces it, local and S3 alike. */
class KeyRuleTest {

    private static final Location LOCAL = Location.parse("/data/photos/");
    private static final Location S3 = Location.parse("s3://field-season/raw/");

    @ParameterizedTest
    @ValueSource(strings = {"../../x.jpg", "a/../../x.jpg", "a/..", "..", "./x.jpg", "a/./x.jpg", "/etc/passwd", "//x.jpg",
            "a//x.jpg", "C:\\x.jpg", "C:/x.jpg", "C:x.jpg", "a\\..\\x.jpg", "s3://other-bucket/x.jpg", "file:/etc/passwd",
            "https://example.org/x.jpg", "x\0.jpg", "", "a/../b/", "../"})
    void aKeyThatCouldNameSomethingOutsideItsFolderIsRefusedNamingTheKey(String key) {
        for (Location folder : new Location[]{LOCAL, S3}) {
            assertThatThrownBy(() -> folder.resolve(key))
                    .isInstanceOf(UnsafeKey.class)
                    .hasMessageStartingWith("unsafe key '" + KeyRule.printable(key) + "': ")
                    .satisfies(e -> assertThat(((UnsafeKey) e).key()).isEqualTo(key));
        }
        assertThat(KeyRule.problem(key)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"IMG_0001.JPG", "StationA/PBE/StationA__2009-04-21__00-40-00(1).JPG", "Station Ø/IMG 1.JPG",
            "stage1/", "_work/run-0123456789ab/", "a..b/x.jpg", "...jpg", ".hidden.jpg", "Station:1/x.jpg", "-rf/--x.jpg",
            "line\nbreak.jpg", "ab:c.jpg"})
    void anOrdinaryKeyResolvesBelowItsFolder(String key) {
        assertThat(LOCAL.resolve(key).key()).isEqualTo("/data/photos/" + key);
        assertThat(LOCAL.contains(LOCAL.resolve(key))).isTrue();
        assertThat(S3.resolve(key).key()).isEqualTo("raw/" + key);
        assertThat(S3.contains(S3.resolve(key))).isTrue();
    }

    @Test
    void theReasonSaysWhatIsWrongAndTheKeyStaysOnOneLine() {
        assertThat(KeyRule.problem("a/../../x.jpg")).hasValueSatisfying(r -> assertThat(r).contains("'..' segment"));
        assertThat(KeyRule.problem("a//x.jpg")).hasValueSatisfying(r -> assertThat(r).contains("empty segment"));
        assertThat(KeyRule.problem("/etc/passwd")).hasValueSatisfying(r -> assertThat(r).contains("absolute"));
        assertThat(KeyRule.problem("C:\\x")).hasValueSatisfying(r -> assertThat(r).contains("backslash"));
        assertThat(KeyRule.problem("s3://other-bucket/x")).hasValueSatisfying(r -> assertThat(r).contains("URI"));
        assertThatThrownBy(() -> S3.resolve("a\0\n/../x")).hasMessage(
                "unsafe key 'a\\u0000\\u000a/../x': it holds a NUL character, which no file name can");
    }

    @Test
    void anS3ListingNamesAKeyLiterallyAndOnlyResolvingItIsRefused() {
        Location listed = Location.s3Object("field-season", "raw/a/../../x.jpg");

        assertThat(listed.key()).isEqualTo("raw/a/../../x.jpg");
        assertThat(S3.relativize(listed)).isEqualTo("a/../../x.jpg");
        assertThatThrownBy(() -> S3.resolve(S3.relativize(listed))).isInstanceOf(UnsafeKey.class);
        assertThat(Location.s3Object("b", " padded.jpg ").key()).as("not trimmed, unlike a typed location").isEqualTo(" padded.jpg ");
    }

    @Test
    void aBackslashInALocalFileNameStaysInTheKeyWhereItIsNoSeparator() {
        Location photo = Location.of(Path.of("/data/photos/StationA/IMG\\0002.JPG"));

        assertThat(photo.key()).isEqualTo("/data/photos/StationA/IMG\\0002.JPG");
        assertThat(KeyRule.problem(LOCAL.relativize(photo))).hasValueSatisfying(r -> assertThat(r).contains("backslash"));
    }

    @Test
    void containsComparesFoldersNotStrings() {
        assertThat(Location.parse("/data/photos").contains(Location.parse("/data/photos/out"))).isTrue();
        assertThat(Location.parse("/data/photos").contains(Location.parse("/data/photos"))).isTrue();
        assertThat(Location.parse("/data/photos").contains(Location.parse("/data/photos-out"))).isFalse();
        assertThat(Location.parse("/data/photos/../out").contains(Location.parse("/data/photos"))).isFalse();
        assertThat(Location.parse("s3://b/raw").contains(Location.parse("s3://b/raw/out/"))).isTrue();
        assertThat(Location.parse("s3://b/raw").contains(Location.parse("s3://b/raw2/"))).isFalse();
        assertThat(Location.parse("s3://b/raw").contains(Location.parse("s3://c/raw/"))).isFalse();
        assertThat(Location.parse("s3://b").contains(Location.parse("s3://b/anything/"))).isTrue();
        assertThat(Location.of(Path.of("/")).contains(Location.parse("/data"))).isTrue();
        assertThat(Location.parse("/raw").contains(Location.parse("s3://raw/"))).isFalse();
    }
}
