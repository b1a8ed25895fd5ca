package com.zhidu.performanceappraisal;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where the results indicators of salespeople come from (§4.1.2 ← §3.2.7): target, signed and collected amounts
 * of a salesperson in a period, in minor units. The sales analysis provides it; without one, results are
 * entered by the superior.
 */
public interface SalesResults {

  record Figures(long target, long signed, long collected) {}

  Optional<Figures> forSalesperson(String userId, LocalDate from, LocalDate to);
}
