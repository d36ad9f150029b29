package dk.munin.workflow;

import dk.munin.state.Stage;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DefinitionSubstitutions for a local run, standing in for what the CloudFormation stack
 * gives the state machine: each {@code ${<Stage>FunctionArn}} becomes the local function ARN
 * format with the stage's route id ({@code GuardBudget} becomes {@code guard-budget}); any other
 * name comes from the given values. A name neither covers stays unresolved, so loading the
 * definition fails naming it.
 */
public final class LocalSubstitutions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final String FUNCTION_ARN_SUFFIX = "FunctionArn";

    private LocalSubstitutions() {
    }

    /**
     * @param definition        the definition text with its {@code ${...}} placeholders
     * @param functionArnFormat a format with one {@code %s} for the route id, e.g.
     *                          {@code arn:aws:lambda:eu-north-1:000000000000:function:munin-%s}
     * @param values            values for the other placeholders (job queue, job definition...)
     */
    public static Map<String, String> of(String definition, String functionArnFormat, Map<String, String> values) {
        Map<String, String> substitutions = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(definition);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (values.containsKey(name)) {
                substitutions.put(name, values.get(name));
            } else if (name.endsWith(FUNCTION_ARN_SUFFIX) && name.length() > FUNCTION_ARN_SUFFIX.length()) {
                String stage = name.substring(0, name.length() - FUNCTION_ARN_SUFFIX.length());
                substitutions.put(name, String.format(Locale.ROOT, functionArnFormat, routeId(stage)));
            }
        }
        return substitutions;
    }

    /** GuardBudget becomes guard-budget: the kebab-case id shared by a stage's route, file and Lambda. */
    static String routeId(String stage) {
        return Stage.kebabCase(stage);
    }
}
