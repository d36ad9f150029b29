package dk.munin.detector;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ShardTest {

    @Test
    void slicesAreFloorOfIndexTimesEntriesOverCount() {
        // 10 entries in 3 shards: [0, 3), [3, 6), [6, 10)
        assertEquals(List.of(0, 3, 6), List.of(new Shard(0, 3).first(10), new Shard(1, 3).first(10), new Shard(2, 3).first(10)));
        assertEquals(List.of(3, 6, 10), List.of(new Shard(0, 3).end(10), new Shard(1, 3).end(10), new Shard(2, 3).end(10)));
    }

    @Test
    void theSlicesInIndexOrderAreTheWholeListInOrder() {
        for (int entries : new int[] {0, 1, 2, 7, 100, 1001}) {
            for (int count : new int[] {1, 2, 3, 8, 13}) {
                List<Integer> list = IntStream.range(0, entries).boxed().toList();
                List<Integer> joined = new ArrayList<>();
                for (int index = 0; index < count; index++) {
                    joined.addAll(new Shard(index, count).slice(list));
                }
                assertEquals(list, joined, entries + " entries in " + count + " shards");
            }
        }
    }

    @Test
    void moreShardsThanEntriesLeavesSomeShardsEmpty() {
        assertEquals(List.of(), new Shard(0, 3).slice(List.of("a")));
        assertEquals(List.of("a"), new Shard(2, 3).slice(List.of("a")));
    }

    @Test
    void namesTheOutputAndCheckpointFolderAsTheMergeStepExpects() {
        assertEquals("shards/detections-00002-of-00003.json", new Shard(2, 3).outputPath());
        assertEquals("00002-of-00003", new Shard(2, 3).label());
        assertEquals("detections.json", Shard.whole().outputPath());
        assertEquals("all", Shard.whole().label());
    }

    @Test
    void aShardOutsideTheArrayDoesNotExist() {
        assertThrows(IllegalArgumentException.class, () -> new Shard(3, 3));
        assertThrows(IllegalArgumentException.class, () -> new Shard(0, 0));
    }
}
