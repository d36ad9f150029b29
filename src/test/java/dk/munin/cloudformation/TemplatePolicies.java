package dk.munin.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The IAM policy statements of the template in long form (tools/cfn's --normalised), shared by the
 * tests that hold the roles to least privilege, and IAM's own reading of a resource pattern, so a
 * test can ask "may this role touch that key?" instead of comparing strings only.
 */
final class TemplatePolicies {

    private TemplatePolicies() {
    }

    /** A policy statement and where it is, for messages. Fn::If statements count once per real branch. */
    record Statement(String where, JsonNode body) {
        boolean allows() {
            return body.path("Effect").asText().equals("Allow");
        }

        List<String> actions() {
            return strings(body.path("Action"));
        }

        @Override
        public String toString() {
            return where + (body.has("Sid") ? " (" + body.path("Sid").asText() + ")" : "");
        }
    }

    /** Every statement of a resource's policy documents: inline role policies, trust policy, bucket/topic policy. */
    static List<Statement> statementsOf(JsonNode resource, String name) {
        List<JsonNode> documents = new ArrayList<>();
        JsonNode properties = resource.path("Properties");
        documents.add(properties.path("PolicyDocument"));
        documents.add(properties.path("AssumeRolePolicyDocument"));
        for (JsonNode policy : properties.path("Policies")) {
            documents.add(policy.path("PolicyDocument"));
        }
        List<Statement> found = new ArrayList<>();
        for (JsonNode document : documents) {
            for (JsonNode statement : iterable(document.path("Statement"))) {
                for (JsonNode branch : realBranches(statement)) {
                    found.add(new Statement(name, branch));
                }
            }
        }
        return found;
    }

    /** A statement, or both branches of an Fn::If around one, without AWS::NoValue. */
    static List<JsonNode> realBranches(JsonNode value) {
        if (value.has("Fn::If")) {
            List<JsonNode> branches = new ArrayList<>();
            branches.addAll(realBranches(value.path("Fn::If").path(1)));
            branches.addAll(realBranches(value.path("Fn::If").path(2)));
            return branches;
        }
        return value.path("Ref").asText().equals("AWS::NoValue") ? List.of() : List.of(value);
    }

    /**
     * A Resource entry as the text IAM would see, with the intrinsic spelled out: {@code !Sub x} is x,
     * {@code !GetAtt A.Arn} is ${A.Arn}, {@code !Ref A} is ${A}.
     */
    static String resourceText(JsonNode resource) {
        if (resource.isTextual()) {
            return resource.asText();
        }
        if (resource.has("Fn::Sub")) {
            return resource.path("Fn::Sub").asText();
        }
        if (resource.has("Fn::GetAtt")) {
            return "${" + resource.path("Fn::GetAtt").path(0).asText() + "." + resource.path("Fn::GetAtt").path(1).asText() + "}";
        }
        if (resource.has("Ref")) {
            return "${" + resource.path("Ref").asText() + "}";
        }
        throw new AssertionError("a Resource written in a way the checks do not read: " + resource);
    }

    /**
     * Whether an IAM resource pattern matches a name: {@code *} is any run of characters, {@code /}
     * included, {@code ?} one character; everything else literally (IAM User Guide, "IAM JSON policy
     * elements: Resource").
     */
    static boolean matches(String pattern, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches();
    }

    static List<String> strings(JsonNode value) {
        List<String> strings = new ArrayList<>();
        for (JsonNode element : iterable(value)) {
            if (element.isTextual()) {
                strings.add(element.asText());
            }
        }
        return strings;
    }

    /** A list's elements, or a single value as a list of one. */
    static Iterable<JsonNode> iterable(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return List.of();
        }
        return value.isArray() ? value : List.of(value);
    }
}
