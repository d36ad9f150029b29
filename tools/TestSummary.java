import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The last line of `make test`: tests run, failed and skipped over every project, with the reasons
 * for the skips (the JUnit assumption messages), read from the surefire and failsafe XML reports.
 * Above it, one line per failed test. A single-file program, so a machine with only a JDK runs it:
 *
 * <pre>java tools/TestSummary.java contract/target detector/target target</pre>
 *
 * Each argument is a Maven build folder; one without reports is named as not run (an earlier
 * project failed to build, say). Exits 1 when a test failed or a folder has no reports.
 */
public final class TestSummary {

    private static final List<String> REPORT_FOLDERS = List.of("surefire-reports", "failsafe-reports");
    private static final String NO_REASON = "no reason given";
    private static final int MAX_MESSAGE = 300;

    private int run;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> skipReasons = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        TestSummary summary = new TestSummary();
        List<String> notRun = new ArrayList<>();
        for (String buildFolder : args) {
            List<Path> reports = reports(Path.of(buildFolder));
            if (reports.isEmpty()) {
                notRun.add(buildFolder);
            }
            for (Path report : reports) {
                summary.read(report);
            }
        }
        summary.failures.forEach(failure -> System.out.println("FAILED " + failure));
        System.out.println(summary.line(notRun));
        System.exit(summary.failures.isEmpty() && notRun.isEmpty() ? 0 : 1);
    }

    private static List<Path> reports(Path buildFolder) throws IOException {
        List<Path> reports = new ArrayList<>();
        for (String folder : REPORT_FOLDERS) {
            Path dir = buildFolder.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().forEach(reports::add);
                }
            }
        }
        return reports;
    }

    private void read(Path report) throws Exception {
        NodeList testCases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                .getElementsByTagName("testcase");
        for (int i = 0; i < testCases.getLength(); i++) {
            Element testCase = (Element) testCases.item(i);
            run++;
            Element problem = firstChild(testCase, "failure", "error");
            Element skipped = firstChild(testCase, "skipped");
            if (problem != null) {
                failures.add(testCase.getAttribute("classname") + "." + testCase.getAttribute("name") + ": " + message(problem));
            } else if (skipped != null) {
                skipReasons.merge(reason(skipped), 1, Integer::sum);
            }
        }
    }

    String line(List<String> notRun) {
        int skipped = skipReasons.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder line = new StringBuilder("Tests: " + run + " run, " + failures.size() + " failed, " + skipped + " skipped");
        if (!skipReasons.isEmpty()) {
            line.append(skipReasons.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; ", " (", ")")));
        }
        if (!notRun.isEmpty()) {
            line.append("; no test reports (not run) in ").append(String.join(", ", notRun));
        }
        return line.toString();
    }

    private static Element firstChild(Element parent, String... names) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && List.of(names).contains(element.getTagName())) {
                return element;
            }
        }
        return null;
    }

    /** A failure's message attribute on one line (shortened), else the first line of its stack trace. */
    private static String message(Element problem) {
        String message = problem.getAttribute("message").strip().replaceAll("\\s+", " ");
        if (message.isEmpty()) {
            message = problem.getTextContent().strip().lines().findFirst().orElse(problem.getAttribute("type"));
        }
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + " ...";
    }

    /**
     * The assumption's message: the attribute (a disabled condition's reason), else the exception
     * text (Assumptions.abort), without the exception's class name and a leading "Skipped: ", and
     * with absolute paths as "...", so that tests skipped for one reason (a missing folder of
     * shared data, each test naming its own file in it) count as one.
     */
    private static String reason(Element skipped) {
        String reason = skipped.getAttribute("message").strip();
        if (reason.isEmpty()) {
            reason = skipped.getTextContent().strip().lines().findFirst().orElse("");
        }
        reason = reason.replaceFirst("^[\\w.$]+(Exception|Error): ", "")
                .replaceFirst("^Assumption failed: ", "")
                .replaceFirst("(?i)^Skipped: ", "")
                .replaceAll("(?<=^|\\s)/\\S*[^\\s,;:.)]", "...")
                .strip();
        return reason.isEmpty() ? NO_REASON : reason;
    }
}
