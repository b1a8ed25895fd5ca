package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * TaskActionRecorder keeps a transaction's rows until just before it commits, so a read of {@code task_action}
 * later in the same transaction sees them only if it calls {@code TaskActionRecorder.flush} first: a four-eyes
 * check or a delegate that missed it would decide without the step just done. Every class whose SQL names the
 * table must call it.
 */
class TaskActionReadersTest {

  /** SQL reading the table; string literals joined with {@code +} are joined first. */
  private static final Pattern READ = Pattern.compile("\\b(from|join)\\s+task_action\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern JOINED_LITERALS = Pattern.compile("\"\\s*\\+\\s*\"");

  @Test
  void everyClassReadingTaskActionFlushesTheTransactionsRowsFirst() throws IOException {
    List<Path> readers = classesReadingTaskAction();
    assertThat(readers).as("the readers found (if none, the pattern is wrong)").hasSizeGreaterThanOrEqualTo(6);
    for (Path reader : readers) {
      assertThat(Files.readString(reader)).as(reader.toString()).contains("TaskActionRecorder.flush(");
    }
  }

  private static List<Path> classesReadingTaskAction() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      return files.filter(file -> file.toString().endsWith(".java"))
          .filter(file -> !file.endsWith(Path.of("com/zhidu/platform/TaskActionRecorder.java")))
          .filter(file -> {
            try {
              return READ.matcher(JOINED_LITERALS.matcher(Files.readString(file)).replaceAll("")).find();
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          })
          .toList();
    }
  }
}
