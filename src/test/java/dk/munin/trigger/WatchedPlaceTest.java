package dk.munin.trigger;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What the trigger says of the place it watches, from the endpoint URI as Camel resolved it. */
class WatchedPlaceTest {

    @Test
    void aFolderIsNamedAbsolutelyWithWhereStartedAndFailedManifestsGo() {
        Path folder = Path.of("manifests").toAbsolutePath();

        WatchedPlace place = WatchedPlace.of("file://manifests?include=.*%5C.json&move=.started&moveFailed=.failed&readLock=changed");

        assertThat(place).isEqualTo(new WatchedPlace("folder " + folder + "/", "cp my-run.json " + folder + "/",
                folder.resolve(".started") + "/", folder.resolve(".failed") + "/"));
    }

    @Test
    void aFolderWithoutMoveOptionsSaysWhatTheFileConsumerDoesByDefault() {
        WatchedPlace place = WatchedPlace.of("file:///srv/munin/in");

        assertThat(place.started()).isEqualTo("/srv/munin/in/.camel/");
        assertThat(place.failed()).isEqualTo("left in /srv/munin/in/");
        assertThat(WatchedPlace.of("file:///srv/munin/in?delete=true").started()).isEqualTo("deleted");
    }

    @Test
    void anS3PrefixIsNamedAsAnS3UriWithTheCommandThatDropsAManifest() {
        WatchedPlace place = WatchedPlace.of("aws2-s3://field-season?prefix=manifests%2F&moveAfterRead=true"
                + "&destinationBucket=field-season&destinationBucketPrefix=started%2F");

        assertThat(place).isEqualTo(new WatchedPlace("s3://field-season/manifests/", "aws s3 cp my-run.json s3://field-season/manifests/",
                "s3://field-season/started/", "s3://field-season/failed/manifests/ with their error files"));
        assertThat(place.readyLine()).startsWith("Watching s3://field-season/manifests/ for manifests: to start a run, drop one there "
                + "(aws s3 cp my-run.json s3://field-season/manifests/;");
    }

    @Test
    void anS3ConsumerDeletesWhatItReadUnlessToldOtherwise() {
        assertThat(WatchedPlace.of("aws2-s3://bucket?prefix=in/").started()).isEqualTo("deleted from s3://bucket/in/");
        assertThat(WatchedPlace.of("aws2-s3://bucket?deleteAfterRead=false").started()).isEqualTo("left in s3://bucket/");
        assertThat(WatchedPlace.of("aws2-s3://bucket?deleteAfterRead=false&moveAfterRead=true&destinationBucketPrefix=started/").started())
                .as("the consumer's move copies, and deletes only with deleteAfterRead")
                .isEqualTo("copied to s3://bucket/started/ and left in s3://bucket/ (read again at every poll)");
    }
}
