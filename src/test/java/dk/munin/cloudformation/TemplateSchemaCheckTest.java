package dk.munin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real template passes tools/cfn/check-template.mjs, and the check is not vacuous: each
 * planted mistake (one line of the real template changed) is caught, at the place it was planted.
 */
@ExtendWith(CfnTools.Installed.class)
class TemplateSchemaCheckTest {

    @TempDir
    Path temp;

    @Test
    void theRealTemplatePassesTheSchemaCheck() {
        CfnTools.Verdict verdict = CfnTools.check(CfnTools.TEMPLATE);

        assertThat(verdict.findings()).as(verdict.output()).isEmpty();
        assertThat(verdict.exitCode()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown property            | '      MemorySize: 512'                   | '      MemorySise: 512'                  | property | Resources.CostEstimationFunction.Properties.MemorySise
            an unknown nested property     | '          EventBridgeEnabled: true'      | '          EventbridgeEnabled: true'     | property | Resources.DataBucket.Properties.NotificationConfiguration.EventBridgeConfiguration.EventbridgeEnabled
            a missing required property    | '      Role: !GetAtt TriggerRole.Arn'     | ''                                       | required | Resources.TriggerFunction.Properties.Role
            a GetAtt of no attribute       | '!GetAtt NatAddress.AllocationId'         | '!GetAtt NatAddress.AllocationArn'       | getatt   | Resources.NatGateway.Properties.AllocationId.Fn::GetAtt
            a Ref to nothing               | '      TopicArn: !Ref AlertTopic'         | '      TopicArn: !Ref AlertTopics'       | ref      | Resources.AlertEmailSubscription.Properties.TopicArn.Ref
            a Sub of no resource           | '!Sub ${DataBucket.Arn}/frames/*'         | '!Sub ${DataBuckets.Arn}/frames/*'       | getatt   | Resources.Stage0ExifRole.Properties.Policies[0].PolicyDocument.Statement
            a list where a number belongs  | '                TransitionInDays: 30'    | '                TransitionInDays: [30]'  | shape    | Resources.DataBucket.Properties.LifecycleConfiguration.Rules[0].Transitions[0].TransitionInDays
            an unknown resource type       | '    Type: AWS::SNS::Topic'               | '    Type: AWS::SNS::Topics'             | resource-type | Resources.AlertTopic.Type
            a condition out of scope       | '      EcsEndpoint: !If [UseEndpoints, !Ref EcsAgentEndpoint, ""]' | '      EcsEndpoint: !Ref EcsAgentEndpoint' | condition-scope | Resources.NetworkReady.Metadata.EcsEndpoint.Ref
            """)
    void aPlantedMistakeIsCaught(String mistake, String line, String replacement, String check, String path) throws IOException {
        Path planted = plant(line, replacement);

        CfnTools.Verdict verdict = CfnTools.check(planted);

        assertThat(verdict.exitCode()).as(mistake).isNotZero();
        List<String> found = new ArrayList<>();
        for (JsonNode finding : verdict.findings()) {
            found.add(finding.path("check").asText() + " " + finding.path("path").asText());
        }
        assertThat(found).as(mistake).anyMatch(f -> f.startsWith(check + " " + path));
    }

    /** The real template with the first line that contains {@code line} changed (or removed when the replacement is empty). */
    private Path plant(String line, String replacement) throws IOException {
        String template = Files.readString(CfnTools.TEMPLATE, StandardCharsets.UTF_8);
        assertThat(template).as("the line to change is in the real template").contains(line);
        int at = template.indexOf(line);
        String changed = replacement.isEmpty()
                ? template.substring(0, at) + template.substring(template.indexOf('\n', at) + 1)
                : template.substring(0, at) + replacement + template.substring(at + line.length());
        return Files.writeString(temp.resolve("planted.yaml"), changed, StandardCharsets.UTF_8);
    }
}
