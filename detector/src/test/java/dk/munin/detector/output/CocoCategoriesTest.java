package dk.munin.detector.output;

import dk.munin.detector.model.CocoClasses;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CocoCategoriesTest {

    @Test
    void mapsTheCocoClassesAsDocumented() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("person", "2"),
                Map.entry("bicycle", "3"), Map.entry("car", "3"), Map.entry("motorbike", "3"), Map.entry("aeroplane", "3"),
                Map.entry("bus", "3"), Map.entry("train", "3"), Map.entry("truck", "3"), Map.entry("boat", "3"),
                Map.entry("bird", "1"), Map.entry("cat", "1"), Map.entry("dog", "1"), Map.entry("horse", "1"),
                Map.entry("sheep", "1"), Map.entry("cow", "1"), Map.entry("elephant", "1"), Map.entry("bear", "1"),
                Map.entry("zebra", "1"), Map.entry("giraffe", "1"));
        for (int classId = 0; classId < CocoClasses.count(); classId++) {
            String name = CocoClasses.name(classId);
            assertEquals(Optional.ofNullable(expected.get(name)), CocoCategories.ofCocoClass(classId), name);
        }
    }

    @Test
    void usesTheDarknetClassIndices() {
        assertEquals(80, CocoClasses.count());
        assertEquals(Optional.of("2"), CocoCategories.ofCocoClass(0));   // person
        assertEquals(Optional.of("3"), CocoCategories.ofCocoClass(7));   // truck
        assertEquals(Optional.of("1"), CocoCategories.ofCocoClass(19));  // cow
        assertEquals(Optional.empty(), CocoCategories.ofCocoClass(25));  // umbrella
        assertEquals(Optional.empty(), CocoCategories.ofCocoClass(80));
    }
}
