package dev.rosterd.sint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.igniterealtime.smack.inttest.AbstractSmackIntTest;
import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework.TestRunResult;
import org.igniterealtime.smack.inttest.TestNotPossible;
import org.igniterealtime.smack.inttest.TestNotPossibleException;
import org.igniterealtime.smack.inttest.TestResult;

/**
 * One SINT run, read for the build log: which tests passed, which failed and why, which were not
 * possible against this server (SINT's own judgement, e.g. no MUC service found) and what was not
 * run on purpose ({@link NotRun}).
 *
 * <p>A test class whose set-up failed with anything but SINT's "not possible" counts as failed:
 * otherwise a server that answers a set-up query wrongly would hide a whole class.
 */
final class SintResult {
  private final TestRunResult run;
  private final List<NotRun> notRun;

  SintResult(TestRunResult run, List<NotRun> notRun) {
    this.run = run;
    this.notRun = notRun;
  }

  /** Nothing failed, and something ran: a run that found no tests (a class path gone wrong) fails. */
  boolean passed() {
    return run.getFailedTests().isEmpty() && brokenClasses().isEmpty() && !run.getSuccessfulTests().isEmpty();
  }

  /** The failed tests and broken classes with their causes, for the assertion message. */
  String failures() {
    List<String> lines = new ArrayList<>();
    run.getFailedTests().forEach(f -> lines.add(f.concreteTest + ": " + f.failureReason));
    brokenClasses().forEach((c, t) -> lines.add(c.getSimpleName() + " (set-up): " + t));
    if (lines.isEmpty()) {
      lines.add("no SINT test ran at all");
    }
    return "SINT tests failed against rosterd:\n  " + String.join("\n  ", lines);
  }

  String summary() {
    Map<Class<? extends AbstractSmackIntTest>, Throwable> impossibleClasses = run.getImpossibleTestClasses();
    StringBuilder sb = new StringBuilder("\n=== Smack integration test suite (SINT) against rosterd ===\n");
    sb.append(String.format(
        "SINT result: passed %d, failed %d, not possible %d tests and %d classes, not run on purpose %d%n",
        run.getSuccessfulTests().size(),
        run.getFailedTests().size() + brokenClasses().size(),
        run.getNotPossibleTests().size(),
        impossibleClasses.size() - brokenClasses().size(),
        notRun.size()));
    section(sb, "passed", names(run.getSuccessfulTests().stream()));
    section(sb, "FAILED", run.getFailedTests().stream().map(SintResult::failed));
    brokenClasses().forEach((c, t) -> sb.append("  ").append(c.getSimpleName()).append(" (set-up) FAILED: ").append(oneLine(t)).append('\n'));
    section(sb, "not possible", run.getNotPossibleTests().stream().map(SintResult::notPossible));
    impossibleClasses.entrySet().stream()
        .filter(e -> e.getValue() instanceof TestNotPossibleException)
        .map(e -> e.getKey().getSimpleName() + " (whole class): " + oneLine(e.getValue()))
        .sorted()
        .forEach(l -> sb.append("  ").append(l).append('\n'));
    section(sb, "not run on purpose", notRun.stream().map(n -> n.what() + ": " + n.reason()));
    return sb.toString();
  }

  private Map<Class<? extends AbstractSmackIntTest>, Throwable> brokenClasses() {
    return run.getImpossibleTestClasses().entrySet().stream()
        .filter(e -> !(e.getValue() instanceof TestNotPossibleException))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static void section(StringBuilder sb, String title, Stream<String> lines) {
    sb.append(title).append(":\n");
    lines.sorted().forEach(l -> sb.append("  ").append(l).append('\n'));
  }

  private static Stream<String> names(Stream<? extends TestResult> results) {
    return results.map(r -> r.concreteTest.toString());
  }

  private static String failed(FailedTest f) {
    return f.concreteTest + ": " + oneLine(f.failureReason);
  }

  private static String notPossible(TestNotPossible t) {
    return t.concreteTest + ": " + oneLine(t.testNotPossibleException);
  }

  private static String oneLine(Throwable t) {
    String text = t.getMessage() == null ? t.toString() : t.getClass().getSimpleName() + ": " + t.getMessage();
    return text.replaceAll("\\s+", " ");
  }
}
