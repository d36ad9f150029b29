package dk.munin.workflow.stepfunctions;

import com.github.tomakehurst.wiremock.WireMockServer;
import dk.munin.workflow.ExecutionHistoryUnavailable;
import dk.munin.workflow.HistoryEntry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.aws2.stepfunctions.StepFunctions2Component;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okForContentType;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * GetExecutionHistory through camel-aws2-step-functions against WireMock speaking Step Functions'
 * wire protocol (awsJson1_0), with history events as the API reference documents them.
 */
class StepFunctionsHistoryTest {

    private static final String EXECUTION = "arn:aws:states:eu-north-1:123456789012:execution:munin-pipeline:sabah-2009-stationA";
    private static final String TARGET = "AWSStepFunctions.GetExecutionHistory";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    /** 2024-05-01T12:00:00Z; Step Functions sends epoch seconds. */
    private static final long T0 = 1714564800L;

    private final WireMockServer sfn = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private CamelContext camel;
    private StepFunctionsHistory history;

    @BeforeEach
    void start() {
        sfn.start();
        camel = new DefaultCamelContext();
        // What camel.component.aws2-step-functions.* sets in application.properties, pointed at WireMock.
        StepFunctions2Component component = camel.getComponent("aws2-step-functions", StepFunctions2Component.class);
        component.getConfiguration().setRegion("eu-north-1");
        component.getConfiguration().setOverrideEndpoint(true);
        component.getConfiguration().setUriEndpointOverride(sfn.baseUrl());
        component.getConfiguration().setAccessKey("AKIDEXAMPLE");
        component.getConfiguration().setSecretKey("secret");
        camel.start();
        history = new StepFunctionsHistory(camel.createProducerTemplate());
    }

    @AfterEach
    void stop() {
        camel.stop();
        sfn.stop();
    }

    @Test
    void readsEveryPageAndGivesTheEmbeddedRunnersEntries() {
        sfn.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(matchingJsonPath("$.nextToken", absent()))
                .willReturn(okForContentType(JSON_1_0, PAGE_1)));
        sfn.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(matchingJsonPath("$.nextToken", equalTo("page-2")))
                .willReturn(okForContentType(JSON_1_0, PAGE_2)));

        List<HistoryEntry> entries = history.historyOf(EXECUTION);

        sfn.verify(postRequestedFor(urlEqualTo("/")).withHeader("Content-Type", equalTo(JSON_1_0))
                .withRequestBody(equalToJson("{\"executionArn\":\"" + EXECUTION + "\",\"includeExecutionData\":false}")));
        sfn.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson("{\"executionArn\":\"" + EXECUTION + "\",\"includeExecutionData\":false,\"nextToken\":\"page-2\"}")));
        assertThat(entries).containsExactly(
                new HistoryEntry("RecordExecution", "Pass", at(0), at(0), "succeeded", null, 1),
                // StorageUnavailable once, then the Retry's second attempt succeeded
                new HistoryEntry("GuardBudget", "Task", at(0), at(5), "succeeded", null, 2),
                new HistoryEntry("Stage0Exif", "Task", at(5), at(20), "succeeded", null, 1),
                // BudgetExceeded, which the Catch sent to FailBudget
                new HistoryEntry("CostEstimation", "Task", at(20), at(21), "caught", "dk.munin.budget.BudgetExceeded", 1),
                new HistoryEntry("FailBudget", "Fail", at(21), at(21), "failed", "BudgetExceeded", 1));
    }

    @Test
    void theStateStillRunningIsRunning() {
        sfn.stubFor(post(urlEqualTo("/")).willReturn(okForContentType(JSON_1_0, RUNNING)));

        assertThat(history.historyOf(EXECUTION)).containsExactly(
                new HistoryEntry("WeatherEnrichment", "Task", at(100), at(110), "succeeded", null, 1),
                new HistoryEntry("WriteParquet", "Task", at(110), null, "running", null, 1));
    }

    @Test
    void anInlineMapIsOneEntryWithoutItsIterationsStates() {
        sfn.stubFor(post(urlEqualTo("/")).willReturn(okForContentType(JSON_1_0, INLINE_MAP)));

        assertThat(history.historyOf(EXECUTION)).containsExactly(
                new HistoryEntry("TagPhotos", "Map", at(200), at(204), "succeeded", null, 1),
                new HistoryEntry("Done", "Succeed", at(204), at(204), "succeeded", null, 1));
    }

    @Test
    void anUnknownExecutionHasNoHistory() {
        sfn.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_1_0)
                .withBody("{\"__type\":\"com.amazonaws.swf.service.v2.model#ExecutionDoesNotExist\",\"message\":\"Execution Does Not Exist\"}")));

        assertThat(history.historyOf(EXECUTION)).isEmpty();
    }

    @Test
    void saysSoWhenStepFunctionsCannotBeReached() {
        sfn.stop();

        assertThatThrownBy(() -> history.historyOf(EXECUTION)).isInstanceOf(ExecutionHistoryUnavailable.class)
                .hasMessageStartingWith("Step Functions' history of " + EXECUTION + " could not be read: ");
    }

    private static Instant at(int seconds) {
        return Instant.ofEpochSecond(T0 + seconds);
    }

    private static final String LAMBDA = "\"resourceType\":\"lambda\",\"resource\":\"invoke\"";

    private static final String PAGE_1 = """
            {"events":[
              {"id":1,"previousEventId":0,"timestamp":%1$d.0,"type":"ExecutionStarted",
               "executionStartedEventDetails":{"roleArn":"arn:aws:iam::123456789012:role/munin-pipeline"}},
              {"id":2,"previousEventId":1,"timestamp":%1$d.0,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"RecordExecution"}},
              {"id":3,"previousEventId":2,"timestamp":%1$d.0,"type":"PassStateExited","stateExitedEventDetails":{"name":"RecordExecution"}},
              {"id":4,"previousEventId":3,"timestamp":%1$d.0,"type":"TaskStateEntered","stateEnteredEventDetails":{"name":"GuardBudget"}},
              {"id":5,"previousEventId":4,"timestamp":%1$d.1,"type":"TaskScheduled",
               "taskScheduledEventDetails":{%2$s,"region":"eu-north-1","parameters":"{}","timeoutInSeconds":150}},
              {"id":6,"previousEventId":5,"timestamp":%1$d.2,"type":"TaskStarted","taskStartedEventDetails":{%2$s}},
              {"id":7,"previousEventId":6,"timestamp":%1$d.9,"type":"TaskFailed",
               "taskFailedEventDetails":{%2$s,"error":"dk.munin.contract.storage.StorageUnavailable","cause":"{\\"errorMessage\\":\\"S3 is unavailable\\"}"}}
            ],"nextToken":"page-2"}
            """.formatted(T0, LAMBDA);

    private static String iteration(int index, int start) {
        return """
                {"id":%1$d,"timestamp":%3$d.0,"type":"MapIterationStarted","mapIterationStartedEventDetails":{"name":"TagPhotos","index":%2$d}},
                {"id":%4$d,"timestamp":%3$d.0,"type":"TaskStateEntered","stateEnteredEventDetails":{"name":"TagPhoto"}},
                {"id":%5$d,"timestamp":%3$d.1,"type":"TaskScheduled","taskScheduledEventDetails":{%6$s,"region":"eu-north-1","parameters":"{}"}},
                {"id":%7$d,"timestamp":%3$d.5,"type":"TaskSucceeded","taskSucceededEventDetails":{%6$s,"output":"{}"}},
                {"id":%8$d,"timestamp":%3$d.5,"type":"TaskStateExited","stateExitedEventDetails":{"name":"TagPhoto"}},
                {"id":%9$d,"timestamp":%3$d.6,"type":"MapIterationSucceeded","mapIterationSucceededEventDetails":{"name":"TagPhotos","index":%2$d}},
                """.formatted(10 * index + 3, index, T0 + start, 10 * index + 4, 10 * index + 5, LAMBDA, 10 * index + 6,
                10 * index + 7, 10 * index + 8);
    }

    /** Two items, one after the other (MaxConcurrency 1), each running a Task: only the Map's own events make an entry. */
    private static final String INLINE_MAP = """
            {"events":[
              {"id":1,"timestamp":%1$d.0,"type":"MapStateEntered","stateEnteredEventDetails":{"name":"TagPhotos"}},
              {"id":2,"timestamp":%1$d.0,"type":"MapStateStarted","mapStateStartedEventDetails":{"length":2}},
              %2$s%3$s
              {"id":30,"timestamp":%4$d.0,"type":"MapStateSucceeded"},
              {"id":31,"timestamp":%4$d.0,"type":"MapStateExited","stateExitedEventDetails":{"name":"TagPhotos"}},
              {"id":32,"timestamp":%4$d.0,"type":"SucceedStateEntered","stateEnteredEventDetails":{"name":"Done"}},
              {"id":33,"timestamp":%4$d.0,"type":"SucceedStateExited","stateExitedEventDetails":{"name":"Done"}},
              {"id":34,"timestamp":%4$d.0,"type":"ExecutionSucceeded","executionSucceededEventDetails":{"output":"{}"}}
            ]}
            """.formatted(T0 + 200, iteration(0, 201), iteration(1, 202), T0 + 204);

    private static final String PAGE_2 = """
            {"events":[
              {"id":8,"previousEventId":7,"timestamp":%3$d.0,"type":"TaskScheduled",
               "taskScheduledEventDetails":{%2$s,"region":"eu-north-1","parameters":"{}","timeoutInSeconds":150}},
              {"id":9,"previousEventId":8,"timestamp":%3$d.1,"type":"TaskStarted","taskStartedEventDetails":{%2$s}},
              {"id":10,"previousEventId":9,"timestamp":%4$d.9,"type":"TaskSucceeded","taskSucceededEventDetails":{%2$s}},
              {"id":11,"previousEventId":10,"timestamp":%4$d,"type":"TaskStateExited","stateExitedEventDetails":{"name":"GuardBudget"}},
              {"id":12,"previousEventId":11,"timestamp":%4$d,"type":"TaskStateEntered","stateEnteredEventDetails":{"name":"Stage0Exif"}},
              {"id":13,"previousEventId":12,"timestamp":%4$d,"type":"TaskScheduled",
               "taskScheduledEventDetails":{%2$s,"region":"eu-north-1","parameters":"{}","timeoutInSeconds":930}},
              {"id":14,"previousEventId":13,"timestamp":%4$d,"type":"TaskStarted","taskStartedEventDetails":{%2$s}},
              {"id":15,"previousEventId":14,"timestamp":%5$d,"type":"TaskSucceeded","taskSucceededEventDetails":{%2$s}},
              {"id":16,"previousEventId":15,"timestamp":%5$d,"type":"TaskStateExited","stateExitedEventDetails":{"name":"Stage0Exif"}},
              {"id":17,"previousEventId":16,"timestamp":%5$d,"type":"TaskStateEntered","stateEnteredEventDetails":{"name":"CostEstimation"}},
              {"id":18,"previousEventId":17,"timestamp":%5$d,"type":"TaskScheduled",
               "taskScheduledEventDetails":{%2$s,"region":"eu-north-1","parameters":"{}","timeoutInSeconds":90}},
              {"id":19,"previousEventId":18,"timestamp":%5$d,"type":"TaskStarted","taskStartedEventDetails":{%2$s}},
              {"id":20,"previousEventId":19,"timestamp":%6$d,"type":"TaskFailed",
               "taskFailedEventDetails":{%2$s,"error":"dk.munin.budget.BudgetExceeded","cause":"{\\"errorMessage\\":\\"Estimated cost exceeds budget_dkk\\"}"}},
              {"id":21,"previousEventId":20,"timestamp":%6$d,"type":"TaskStateExited","stateExitedEventDetails":{"name":"CostEstimation"}},
              {"id":22,"previousEventId":21,"timestamp":%6$d,"type":"FailStateEntered","stateEnteredEventDetails":{"name":"FailBudget"}},
              {"id":23,"previousEventId":22,"timestamp":%6$d,"type":"ExecutionFailed",
               "executionFailedEventDetails":{"error":"BudgetExceeded","cause":"The estimated cost exceeds budget_dkk"}}
            ]}
            """.formatted(T0, LAMBDA, T0 + 3, T0 + 5, T0 + 20, T0 + 21);

    private static final String RUNNING = """
            {"events":[
              {"id":40,"previousEventId":39,"timestamp":%1$d,"type":"TaskStateEntered","stateEnteredEventDetails":{"name":"WeatherEnrichment"}},
              {"id":41,"previousEventId":40,"timestamp":%1$d,"type":"TaskScheduled","taskScheduledEventDetails":{%3$s,"region":"eu-north-1","parameters":"{}"}},
              {"id":42,"previousEventId":41,"timestamp":%1$d,"type":"TaskStarted","taskStartedEventDetails":{%3$s}},
              {"id":43,"previousEventId":42,"timestamp":%2$d,"type":"TaskSucceeded","taskSucceededEventDetails":{%3$s}},
              {"id":44,"previousEventId":43,"timestamp":%2$d,"type":"TaskStateExited","stateExitedEventDetails":{"name":"WeatherEnrichment"}},
              {"id":45,"previousEventId":44,"timestamp":%2$d,"type":"TaskStateEntered","stateEnteredEventDetails":{"name":"WriteParquet"}},
              {"id":46,"previousEventId":45,"timestamp":%2$d,"type":"TaskScheduled","taskScheduledEventDetails":{%3$s,"region":"eu-north-1","parameters":"{}"}},
              {"id":47,"previousEventId":46,"timestamp":%2$d,"type":"TaskStarted","taskStartedEventDetails":{%3$s}}
            ]}
            """.formatted(T0 + 100, T0 + 110, LAMBDA);
}
