package dk.munin.detector.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputDecodersTest {

    @Test
    void aGridOfFivePlusClassesChannelsIsFastestDet() {
        OutputDecoder decoder = OutputDecoders.forOutputShape(new long[] {1, 85, 22, 22}, 80);
        assertInstanceOf(FastestDetDecoder.class, decoder);
        assertEquals("fastestdet", decoder.layout());
    }

    @Test
    void aYoloV8OutputIsNotSupportedYetAndTheMessageNamesItsShape() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> OutputDecoders.forOutputShape(new long[] {1, 84, 8400}, 80));
        assertTrue(failure.getMessage().contains("[1, 84, 8400]"), failure.getMessage());
    }

    @Test
    void aGridWithTheWrongNumberOfClassesIsNotSupported() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> OutputDecoders.forOutputShape(new long[] {1, 25, 22, 22}, 80));
        assertTrue(failure.getMessage().contains("[1, 25, 22, 22]"), failure.getMessage());
    }
}
