package com.zhidu.platform;

import com.zhidu.audit.RegulationClauses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zhidu.audit.RegulationClauses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docs/traceability.md lists exactly the regulation's clause ids, each with what implements it, and
 * every clause id a BPMN element names is one of them. The canonical ids are {@link RegulationClauses#IDS},
 * copied from regulation/clauses.en.md (§5.2.1–3 and §5.3.1–3 expanded), so a clean clone needs nothing beside it.
 */
class TraceabilityTest {

  /** The application's own list (the auditors' gap report uses it too), checked here against this page. */
  static final Set<String> REGULATION = Set.copyOf(RegulationClauses.IDS);

  static final Path TRACEABILITY = Path.of("docs/traceability.md");
  /** A table row: | §x.y | meaning | implemented by | */
  static final Pattern ROW = Pattern.compile("^\\|\\s*(§[^|]*?)\\s*\\|([^|]*)\\|([^|]*)\\|\\s*$");

  @Test
  void traceabilityListsExactlyTheRegulationsClauseIdsOnceEach() throws IOException {
    Map<String, String[]> rows = rows();
    assertThat(RegulationClauses.IDS).as("the canonical list").doesNotHaveDuplicates();
    assertThat(rows.keySet()).as("clause ids in docs/traceability.md")
        .containsExactlyInAnyOrderElementsOf(REGULATION);
  }

  @Test
  void everyRowSaysWhatItMeansAndWhatImplementsIt() throws IOException {
    rows().forEach((id, cells) -> {
      assertThat(cells[0]).as("meaning of " + id).isNotBlank();
      assertThat(cells[1]).as("implemented by (or 'not yet' + issue) of " + id).isNotBlank();
    });
  }

  @Test
  void everyClauseIdInABpmnModelIsTraced() throws IOException {
    Set<String> traced = rows().keySet();
    Map<String, Set<String>> untraced = new TreeMap<>();
    for (Path root : List.of(Path.of("processes"), Path.of("src/test/resources/processes"))) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
          Set<String> ids = ModelChecks.clauseIdsIn(
              new ModelChecks.Source(file.toString(), file.toString(), Files.readAllBytes(file)));
          ids.stream().filter(id -> !traced.contains(id))
              .forEach(id -> untraced.computeIfAbsent(file.toString(), f -> new TreeSet<>()).add(id));
        }
      }
    }
    assertThat(untraced).as("clause ids used in BPMN documentation but missing from docs/traceability.md")
        .isEmpty();
  }

  /** When the shared folder sits beside the clone (developer machines), the copied ids still match it. */
  @Test
  void canonicalIdsMatchTheSharedRegulationWhenPresent() throws IOException {
    Path shared = Path.of(System.getProperty("zhidu.shared", "../shared"), "regulation/clauses.en.md");
    Assumptions.assumeTrue(Files.isRegularFile(shared), "no ../shared beside the clone");
    Set<String> ids = new TreeSet<>();
    Matcher m = Pattern.compile("^\\|\\s*(§\\d+(?:\\.\\d+)+)(?:–(\\d+))?\\s*\\|", Pattern.MULTILINE)
        .matcher(Files.readString(shared));
    while (m.find()) {
      if (m.group(2) == null) {
        ids.add(m.group(1));
      } else { // §5.2.1–3 → §5.2.1, §5.2.2, §5.2.3
        String stem = m.group(1).substring(0, m.group(1).lastIndexOf('.') + 1);
        int from = Integer.parseInt(m.group(1).substring(stem.length()));
        for (int i = from; i <= Integer.parseInt(m.group(2)); i++) {
          ids.add(stem + i);
        }
      }
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(REGULATION);
  }

  @Test
  void theRowParserSeesWhatItShouldAndRefusesDuplicates() {
    assertThat(parse(List.of("| §1.1 | purpose | the app |", "| Clause | Meaning | By |", "text §9.9")))
        .containsOnlyKeys("§1.1");
    assertThatThrownBy(() -> parse(List.of("| §1.1 | a | b |", "| §1.1 | c | d |")))
        .hasMessageContaining("§1.1");
    assertThatThrownBy(() -> parse(List.of("| §5.2.1–3 | a | b |")))
        .hasMessageContaining("§5.2.1–3");
  }

  static Map<String, String[]> rows() throws IOException {
    return parse(Files.readAllLines(TRACEABILITY));
  }

  /** Clause id → {meaning, implemented by}; a row must name exactly one well-formed id, once. */
  static Map<String, String[]> parse(List<String> lines) {
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher row = ROW.matcher(line);
      if (!row.matches()) {
        continue;
      }
      String id = row.group(1);
      if (!id.matches("§\\d+(\\.\\d+)+")) {
        throw new IllegalStateException("Not one clause id per row: '" + id + "'");
      }
      if (rows.put(id, new String[] {row.group(2).trim(), row.group(3).trim()}) != null) {
        throw new IllegalStateException("Clause " + id + " is listed twice");
      }
    }
    return rows;
  }
}
