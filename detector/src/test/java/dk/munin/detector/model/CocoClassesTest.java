package dk.munin.detector.model;

import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CocoClassesTest {

    @Test
    void hasTheEightyClassesInTheDarknetOrder() {
        assertEquals(80, CocoClasses.count());
        assertEquals("person", CocoClasses.name(0));
        assertEquals("motorbike", CocoClasses.name(3));
        assertEquals("cow", CocoClasses.name(19));
        assertEquals("toothbrush", CocoClasses.name(79));
    }

    @Test
    void agreesWithTheClassListShippedBesideTheSharedModel() throws IOException {
        Path names = SharedData.fastestDet().resolveSibling("coco.names");
        List<String> shipped = Files.readAllLines(names).stream().map(String::strip).filter(line -> !line.isEmpty()).toList();

        assertEquals(shipped, CocoClasses.names());
    }
}
