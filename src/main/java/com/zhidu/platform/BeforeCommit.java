package com.zhidu.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a transaction keeps and writes just before it commits (the audit trail's rows, the task actions): the
 * transaction's holders of them, one per key, written by one synchronization in the holders' {@code order} (lower
 * first, so one can take another's rows along) and let go of when the transaction ends. Nothing is written on
 * rollback. A record made after the holders were written (by a before-commit hook that runs later) must be written at
 * once: {@link #written} tells. One synchronization for all holders, so that a holder first asked for by such a hook
 * is known to be late; Spring does not call a synchronization registered while it calls them. A transaction whose
 * first record is made by a before-commit hook is therefore not supported (none of Zhidu's is).
 */
public final class BeforeCommit {

  private BeforeCommit() {}

  /** The transaction resource: its holders and whether they were written. */
  private static final Object WRITES = new Object();

  private record Holder<T>(T records, int order, Consumer<T> write) {
    void writeNow() {
      write.accept(records);
    }
  }

  private static final class Writes implements TransactionSynchronization {
    final Map<Object, Holder<?>> holders = new LinkedHashMap<>();
    boolean written;

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE - 1;
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      List<Holder<?>> inOrder = new ArrayList<>(holders.values());
      inOrder.sort(Comparator.comparingInt(Holder::order));
      inOrder.forEach(Holder::writeNow);
      written = true;
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(WRITES);
    }
  }

  /** The current transaction's holder under the key (a transaction must be active with synchronization). */
  @SuppressWarnings("unchecked")
  public static <T> T holder(Object key, Supplier<T> create, int order, Consumer<T> write) {
    Writes writes = writes();
    if (writes == null) {
      writes = new Writes();
      TransactionSynchronizationManager.bindResource(WRITES, writes);
      TransactionSynchronizationManager.registerSynchronization(writes);
    }
    return (T) writes.holders.computeIfAbsent(key, k -> new Holder<>(create.get(), order, write)).records();
  }

  /** The current transaction's holder under the key, if it has one yet (null outside a transaction). */
  @SuppressWarnings("unchecked")
  public static <T> T heldNow(Object key) {
    Writes writes = writes();
    Holder<?> holder = writes == null ? null : writes.holders.get(key);
    return holder == null ? null : (T) holder.records();
  }

  /** Whether the current transaction's holders have been written: what is recorded now must be written at once. */
  public static boolean written() {
    Writes writes = writes();
    return writes != null && writes.written;
  }

  /** Whether records written now would join the transaction (else they are written at once). */
  public static boolean inTransaction() {
    return TransactionSynchronizationManager.isActualTransactionActive()
        && TransactionSynchronizationManager.isSynchronizationActive();
  }

  private static Writes writes() {
    return TransactionSynchronizationManager.isSynchronizationActive()
        ? (Writes) TransactionSynchronizationManager.getResource(WRITES) : null;
  }
}
