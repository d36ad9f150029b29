package dk.munin.workflow;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${Name}} in the raw definition text, as CloudFormation does with a state
 * machine's DefinitionSubstitutions: the value goes in verbatim, in one pass, so a value that
 * itself contains {@code ${...}} is not expanded again.
 */
final class DefinitionSubstitutions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private DefinitionSubstitutions() {
    }

    static String apply(String definition, Map<String, String> substitutions) {
        Matcher matcher = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder(definition.length());
        Set<String> unresolved = new LinkedHashSet<>();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = substitutions.get(name);
            if (value == null) {
                unresolved.add(name);
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
            } else {
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        matcher.appendTail(out);
        if (!unresolved.isEmpty()) {
            throw new InvalidDefinition("Unresolved definition substitution(s): "
                    + String.join(", ", unresolved.stream().map(n -> "${" + n + "}").toList())
                    + "; give each a value in the substitutions");
        }
        return out.toString();
    }
}
