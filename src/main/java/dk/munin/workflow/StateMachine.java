package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded and checked ASL workflow definition. Its states keep the order of the file; the
 * order they run in comes only from StartAt and the transitions in the file.
 */
public final class StateMachine {

    private final String comment;
    private final String startAt;
    private final Map<String, State> states;
    private final List<String> stateNames;

    StateMachine(String comment, String startAt, Map<String, State> states) {
        this.comment = comment;
        this.startAt = startAt;
        this.states = Map.copyOf(states);
        this.stateNames = List.copyOf(states.keySet());
    }

    /**
     * Parses a definition after replacing each {@code ${Name}} with its value, as CloudFormation
     * does with DefinitionSubstitutions.
     *
     * @throws InvalidDefinition naming the substitution, state or field that is wrong
     */
    public static StateMachine parse(String definition, Map<String, String> substitutions) {
        return DefinitionReader.read(DefinitionSubstitutions.apply(definition, substitutions));
    }

    /** Reads and parses a definition file; see {@link #parse(String, Map)}. */
    public static StateMachine load(Path file, Map<String, String> substitutions) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), substitutions);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the workflow definition " + file, e);
        }
    }

    public String comment() {
        return comment;
    }

    public String startAt() {
        return startAt;
    }

    /** The state names in the order the file lists them. */
    public List<String> stateNames() {
        return stateNames;
    }

    /** The state a state goes to when it succeeds (its {@code Next}), if it has one. */
    public Optional<String> nextOnSuccess(String state) {
        return Optional.ofNullable(states.get(state)).map(found -> found.transitions().get("Next"));
    }

    /**
     * Where a state goes next for this input: a Choice state's first matching rule, or its Default;
     * any other state's Next. Empty at an end, or when a Choice cannot decide on this input.
     */
    public Optional<String> nextFor(String state, JsonNode input) {
        State found = states.get(state);
        return found instanceof ChoiceState choice ? choice.choose(input) : nextOnSuccess(state);
    }

    /** The Error a Fail state ends the execution with, when it names one (not an ErrorPath). */
    public Optional<String> failErrorOf(String state) {
        return states.get(state) instanceof FailState fail ? Optional.ofNullable(fail.error()) : Optional.empty();
    }

    /** The ASL Type of a state, if the definition has it. */
    public Optional<String> typeOf(String state) {
        return Optional.ofNullable(states.get(state)).map(State::type);
    }

    State state(String name) {
        return states.get(name);
    }

    Collection<State> states() {
        return states.values();
    }

    /** Every state, with those of the Map states' ItemProcessors at any depth. */
    List<State> allStates() {
        List<State> all = new ArrayList<>();
        for (State state : states.values()) {
            all.add(state);
            if (state instanceof MapState map) {
                all.addAll(map.processor().machine().allStates());
            }
        }
        return all;
    }
}
