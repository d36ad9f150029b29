package dk.munin.detector.storage;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StorageLocationTest {

    @Test
    void parsesS3ObjectsAndPrefixes() {
        StorageLocation object = StorageLocation.parse("s3://camera-bucket/session 1/stage0/images.jsonl");
        assertTrue(object.isS3());
        assertEquals("camera-bucket", object.bucket());
        assertEquals("session 1/stage0/images.jsonl", object.key());

        assertEquals("out/stage1/detections.json", StorageLocation.parse("s3://b/out/stage1/").child("detections.json").key());
        assertEquals("out/stage1/detections.json", StorageLocation.parse("s3://b/out/stage1").child("detections.json").key());
        assertEquals("detections.json", StorageLocation.parse("s3://b").child("detections.json").key());
    }

    @Test
    void parsesPlainPathsAndFileUris() {
        assertEquals(Path.of("/data/photos/a.jpg"), StorageLocation.parse("/data/photos/a.jpg").path());
        assertEquals(Path.of("/data/photos/a.jpg"), StorageLocation.parse("file:/data/photos/a.jpg").path());
        assertEquals(Path.of("/data/photos/a.jpg"), StorageLocation.parse("file:///data/photos/a.jpg").path());
        assertFalse(StorageLocation.parse("file:/data/photos/a.jpg").isS3());
    }

    @Test
    void acceptsFileUrisWithRawAndWithEncodedSpaces() {
        Path expected = Path.of("/data/metadata_extractor/Reconyx HC500 firmware 3.3.0.jpg");
        assertEquals(expected, StorageLocation.parse("file:/data/metadata_extractor/Reconyx HC500 firmware 3.3.0.jpg").path());
        assertEquals(expected, StorageLocation.parse("file:/data/metadata_extractor/Reconyx%20HC500%20firmware%203.3.0.jpg").path());
        assertEquals(Path.of("/data/100% done#1.jpg"), StorageLocation.parse("file:///data/100% done#1.jpg").path());
    }

    @Test
    void refusesOtherSchemesAndS3WithoutBucket() {
        assertThrows(IllegalArgumentException.class, () -> StorageLocation.parse("https://example.org/a.jpg"));
        assertThrows(IllegalArgumentException.class, () -> StorageLocation.parse("s3:///key"));
        assertThrows(IllegalArgumentException.class, () -> StorageLocation.parse(" "));
    }
}
