package dk.munin.contract.photos;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoListTest {

    @Test
    void readsFileAndUriInOrderIgnoringOtherFieldsAndBlankLines() {
        String jsonl = """
                {"file":"StationA/b.JPG","uri":"s3://bucket/photos/StationA/b.JPG","camera":"G4","error":null}

                {"uri":"file:/photos/a.JPG","file":"a.JPG","exif":{"Make":"RECONYX"}}
                {"file":"c.JPG"}
                """;

        List<PhotoListEntry> entries = PhotoList.parse(jsonl.getBytes(StandardCharsets.UTF_8), "images.jsonl");

        assertEquals(List.of(
                new PhotoListEntry(1, "StationA/b.JPG", "s3://bucket/photos/StationA/b.JPG"),
                new PhotoListEntry(3, "a.JPG", "file:/photos/a.JPG"),
                new PhotoListEntry(4, "c.JPG", null)), entries);
    }

    @Test
    void aLineThatIsNotJsonStopsTheRunNamingTheLine() {
        byte[] jsonl = "{\"file\":\"a.JPG\",\"uri\":\"file:/a.JPG\"}\n{\"file\": \"b.JPG\"\n".getBytes(StandardCharsets.UTF_8);

        InvalidPhotoList failure = assertThrows(InvalidPhotoList.class, () -> PhotoList.parse(jsonl, "s3://b/images.jsonl"));

        assertTrue(failure.getMessage().startsWith("s3://b/images.jsonl line 2 is not JSON"), failure.getMessage());
    }

    @Test
    void aLineWithoutFileStopsTheRun() {
        byte[] jsonl = "{\"uri\":\"file:/a.JPG\"}\n".getBytes(StandardCharsets.UTF_8);

        InvalidPhotoList failure = assertThrows(InvalidPhotoList.class, () -> PhotoList.parse(jsonl, "images.jsonl"));

        assertEquals("images.jsonl line 1 has no \"file\"", failure.getMessage());
    }
}
