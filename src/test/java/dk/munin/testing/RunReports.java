package dk.munin.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** What end-to-end tests read out of a run_report.json. */
public final class RunReports {

    private RunReports() {
    }

    /** The states of the report's execution history, in the order the run entered them. */
    public static List<String> statesIn(JsonNode report) {
        List<String> states = new ArrayList<>();
        report.path("execution_history").forEach(entry -> states.add(entry.path("state").asText()));
        return states;
    }
}
