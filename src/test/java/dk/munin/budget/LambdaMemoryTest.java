package dk.munin.budget;

import dk.munin.contract.settings.Settings;
import dk.munin.state.Stage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The estimate prices each Lambda-hosted stage at the memory the stack gives its function. */
class LambdaMemoryTest {

    @Test
    void everyStagesMemoryIsItsFunctionsMemorySizeInTheTemplate() throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        }
        UsageModel usage = UsageModel.from(Settings.layered(List.of(properties), new Properties(), Map.of()));
        String template = Files.readString(Path.of("cloudformation/pipeline.yaml"));

        for (Stage stage : Stage.values()) {
            if (!stage.isLambda()) {
                continue;
            }
            Matcher function = Pattern.compile("FunctionName: !Sub \\$\\{FunctionPrefix}" + Pattern.quote(stage.routeId())
                    + "\\n(?:\\s+.*\\n){0,12}?\\s+MemorySize: (\\d+)").matcher(template);
            assertThat(function.find()).as("the template's %s function", stage.routeId()).isTrue();
            assertThat(usage.memoryMb(stage.stateName())).as(stage.routeId()).contains(Integer.parseInt(function.group(1)));
        }
    }
}
