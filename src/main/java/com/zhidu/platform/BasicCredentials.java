package com.zhidu.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * HTTP Basic credentials for the REST APIs ({@code /engine-rest}, {@code /zhidu/api}), checked on every request
 * without the cost the identity service has per request: it hashes the password (salted SHA-512) and loads the
 * user, the groups and the tenants in separate commands. Here one SELECT reads the user's current password hash,
 * lock state, groups and tenants; a request whose password this node has already verified against exactly that
 * stored hash is accepted without hashing again. Nothing is cached that could go stale:
 * <ul>
 *   <li>password changed (here or on another node): the stored hash differs, so the identity service checks again;</li>
 *   <li>failed attempts or a lock on the account: every such request goes to the identity service, which counts,
 *       delays and locks exactly as without this class;</li>
 *   <li>groups and tenants: read on every request, so a membership change applies at the next request.</li>
 * </ul>
 * What is remembered is a digest of (node secret, stored hash, password), never the password itself.
 */
@Component
public class BasicCredentials {

  /** Bound on remembered verifications (users × stored hashes); cleared when exceeded. */
  static final int MAX_REMEMBERED = 10_000;

  private static final String LOOKUP = "select 'u' as kind, PWD_ as v, LOCK_EXP_TIME_ as t, ATTEMPTS_ as a"
      + " from ACT_ID_USER where ID_ = ?"
      + " union all select 'g', GROUP_ID_, cast(null as timestamp), cast(null as integer)"
      + " from ACT_ID_MEMBERSHIP where USER_ID_ = ?"
      + " union all select 't', TENANT_ID_, cast(null as timestamp), cast(null as integer)"
      + " from ACT_ID_TENANT_MEMBER where USER_ID_ = ?"
      + " or GROUP_ID_ in (select GROUP_ID_ from ACT_ID_MEMBERSHIP where USER_ID_ = ?)";

  private final ProcessEngine engine;
  private final JdbcTemplate jdbc;
  private final byte[] secret = new byte[32];
  /** user id → digest of (secret, stored hash, password) last verified by the identity service. */
  private final Map<String, String> verified = new ConcurrentHashMap<>();

  public BasicCredentials(ProcessEngine engine, JdbcTemplate jdbc) {
    this.engine = engine;
    this.jdbc = jdbc;
    new SecureRandom().nextBytes(secret);
  }

  /** The authenticated user with groups and tenants, or empty when the identity service refuses the password. */
  public Optional<Authentication> authenticate(String userId, String password) {
    if (userId == null || userId.isEmpty() || password == null || password.isEmpty()) {
      return Optional.empty();
    }
    Account account = read(userId);
    if (account == null) {
      // Not a user with a password in the engine's tables (unknown, or another identity provider): as before.
      return engine.getIdentityService().checkPassword(userId, password) ? Optional.of(withMemberships(userId))
          : Optional.empty();
    }
    String digest = digest(account.storedHash, password);
    if (!(account.clean() && sameDigest(digest, verified.get(userId)))) {
      // The identity service decides (and counts failures, delays, locks): exactly the behaviour without this class.
      if (!engine.getIdentityService().checkPassword(userId, password)) {
        verified.remove(userId);
        return Optional.empty();
      }
      if (verified.size() >= MAX_REMEMBERED) {
        verified.clear();
      }
      verified.put(userId, digest);
      if (!account.clean()) {
        return Optional.of(withMemberships(userId)); // as the identity service sees it after the check
      }
    }
    return Optional.of(new Authentication(userId, List.copyOf(account.groups), List.copyOf(account.tenants)));
  }

  /** The user with the groups and tenants the identity service knows, as Camunda's own REST filter builds it. */
  public Authentication withMemberships(String userId) {
    IdentityService identity = engine.getIdentityService();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    return new Authentication(userId, groups, tenants);
  }

  private record Account(String storedHash, boolean locked, int attempts, Set<String> groups, Set<String> tenants) {
    /** No failed attempt on record and no lock: the identity service would only compare the password. */
    boolean clean() {
      return !locked && attempts == 0;
    }
  }

  private Account read(String userId) {
    List<Object[]> rows = new ArrayList<>();
    jdbc.query(LOOKUP, rs -> {
      rows.add(new Object[] {rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getObject(4)});
    }, userId, userId, userId, userId);
    String storedHash = null;
    boolean found = false;
    boolean locked = false;
    int attempts = 0;
    Set<String> groups = new LinkedHashSet<>();
    Set<String> tenants = new LinkedHashSet<>();
    for (Object[] row : rows) {
      switch ((String) row[0]) {
        case "u" -> {
          found = true;
          storedHash = (String) row[1];
          // Any lock time counts as a lock here (also an expired one): the identity service then decides.
          locked = row[2] != null;
          attempts = row[3] == null ? 0 : ((Number) row[3]).intValue();
        }
        case "g" -> groups.add((String) row[1]);
        default -> tenants.add((String) row[1]);
      }
    }
    return found && storedHash != null ? new Account(storedHash, locked, attempts, groups, tenants) : null;
  }

  /** Compared in constant time: the time taken says nothing about how much of a digest matched. */
  private static boolean sameDigest(String digest, String remembered) {
    return remembered != null
        && MessageDigest.isEqual(digest.getBytes(StandardCharsets.US_ASCII), remembered.getBytes(StandardCharsets.US_ASCII));
  }

  private String digest(String storedHash, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(secret);
      sha.update(storedHash.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(password.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
