package com.zhidu.platform;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a transaction keeps and writes just before it commits (the audit trail's rows, the task actions): the
 * transaction's holder of them, bound under a key, created with a synchronization that writes what it holds before
 * commit and lets go of it when the transaction ends. Nothing is written on rollback. Writers in {@code order}
 * (lower first), so one can take another's rows along.
 */
public final class BeforeCommit {

  private BeforeCommit() {}

  /** The current transaction's holder under the key (a transaction must be active with synchronization). */
  public static <T> T holder(Object key, Supplier<T> create, int order, Consumer<T> write) {
    T held = heldNow(key);
    if (held != null) {
      return held;
    }
    T created = create.get();
    TransactionSynchronizationManager.bindResource(key, created);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public int getOrder() {
        return order;
      }

      @Override
      public void beforeCommit(boolean readOnly) {
        write.accept(created);
      }

      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(key);
      }
    });
    return created;
  }

  /** The current transaction's holder under the key, if it has one yet (null outside a transaction). */
  @SuppressWarnings("unchecked")
  public static <T> T heldNow(Object key) {
    return TransactionSynchronizationManager.isSynchronizationActive()
        ? (T) TransactionSynchronizationManager.getResource(key) : null;
  }

  /** Whether records written now would join the transaction (else they are written at once). */
  public static boolean inTransaction() {
    return TransactionSynchronizationManager.isActualTransactionActive()
        && TransactionSynchronizationManager.isSynchronizationActive();
  }
}
