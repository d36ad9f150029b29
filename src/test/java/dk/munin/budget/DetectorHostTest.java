package dk.munin.budget;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A host is named the same way when its speed is measured and when it is looked up. */
class DetectorHostTest {

    @TempDir
    Path folder;

    @Test
    void thisMachineIsItsCpuModelAndProcessorCount() {
        String host = DetectorHost.local();

        assertThat(host).matches("local:\\S.* x[1-9][0-9]*")
                .endsWith(" x" + Runtime.getRuntime().availableProcessors())
                .doesNotContain("\n", "\t");
        if (Files.isReadable(Path.of("/proc/cpuinfo"))) {
            assertThat(DetectorHost.cpuModel(Path.of("/proc/cpuinfo"))).map(model -> host.startsWith("local:" + model + " x"))
                    .hasValueSatisfying(same -> assertThat(same).isTrue());
        }
    }

    @Test
    void theFirstModelNameOfCpuinfoWithItsSpacesCollapsed() throws IOException {
        Path cpuInfo = Files.writeString(folder.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
                + "model name\t: AMD EPYC   7R13 Processor\nflags\t\t: fpu\n\nprocessor\t: 1\nmodel name\t: something else\n");

        assertThat(DetectorHost.cpuModel(cpuInfo)).contains("AMD EPYC 7R13 Processor");
        assertThat(DetectorHost.local("AMD EPYC 7R13 Processor", 2)).isEqualTo("local:AMD EPYC 7R13 Processor x2");
    }

    @Test
    void noModelNameWhereCpuinfoHasNoneOrIsMissing() throws IOException {
        Path arm = Files.writeString(folder.resolve("cpuinfo"), "processor\t: 0\nBogoMIPS\t: 243.75\nCPU implementer\t: 0x41\n");

        assertThat(DetectorHost.cpuModel(arm)).isEmpty();
        assertThat(DetectorHost.cpuModel(folder.resolve("absent"))).isEmpty();
    }

    @Test
    void anAwsHostIsItsInstanceType() {
        assertThat(DetectorHost.instance("c5.xlarge")).isEqualTo("c5.xlarge");
        assertThat(DetectorHost.instance(" c5.xlarge ")).isEqualTo("c5.xlarge");
        assertThatThrownBy(() -> DetectorHost.instance(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("An AWS instance type is needed, e.g. c5.xlarge");
    }
}
