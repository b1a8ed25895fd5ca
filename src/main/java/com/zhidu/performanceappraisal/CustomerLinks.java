package com.zhidu.performanceappraisal;

import com.zhidu.platform.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Single-use customer evaluation links (§4.1.3). A token is {@code <linkId>.<expiry epoch seconds>.<HMAC>}, the
 * HMAC-SHA256 (key {@code zhidu.appraisal.link-secret}) over link id, appraisal id and expiry; the row in
 * {@code appraisal_customer_link} records the expiry and the use. A token whose signature does not match is
 * refused as tampered (403), a used one as used (409), an expired one as expired (410).
 */
@Component
public class CustomerLinks {

  public record Issued(String token, String url, Instant expiresAt) {}

  public record Link(String linkId, long appraisalId, String customerName, Instant expiresAt, Instant usedAt) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String DEMO_SECRET = "zhidu-demo-appraisal-link-secret";

  private final JdbcTemplate jdbc;
  private final AppraisalCycles cycles;
  private final byte[] secret;
  private final String publicUrl;

  public CustomerLinks(JdbcTemplate jdbc, AppraisalCycles cycles,
      @Value("${zhidu.appraisal.link-secret:}") String secret,
      @Value("${zhidu.demo:false}") boolean demo,
      @Value("${zhidu.public-url:http://localhost:8080}") String publicUrl) {
    // A known key would let anyone forge customer evaluations: only the demo may fall back to one.
    if ((secret == null || secret.isBlank()) && demo) {
      secret = DEMO_SECRET;
    }
    if (secret == null || secret.length() < 16) {
      throw new IllegalStateException("zhidu.appraisal.link-secret (ZHIDU_APPRAISAL_LINK_SECRET) must be set to at"
          + " least 16 random characters outside the demo: it signs customers' appraisal links");
    }
    this.jdbc = jdbc;
    this.cycles = cycles;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.publicUrl = publicUrl;
  }

  public Issued issue(long appraisalId, String customerName, String issuedBy) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String linkId = HexFormat.of().formatHex(random);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Instant expires = now.atOffset(ZoneOffset.UTC).plus(cycles.customerLinkValidity()).toInstant()
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    jdbc.update("insert into appraisal_customer_link (link_id, appraisal_id, customer_name, issued_by, issued_at,"
        + " expires_at) values (?, ?, ?, ?, ?, ?)", linkId, appraisalId, customerName, issuedBy, Timestamp.from(now),
        Timestamp.from(expires));
    String token = linkId + "." + expires.getEpochSecond() + "." + sign(linkId, appraisalId, expires.getEpochSecond());
    return new Issued(token, publicUrl + "/zhidu/public/appraisal/" + token, expires);
  }

  /** The link of a valid, unused, unexpired token; {@code lock} takes the row lock for the use. */
  public Link verify(String token, boolean lock) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length != 3 || !parts[0].matches("[0-9a-f]{32}") || !parts[1].matches("\\d{1,12}")) {
      throw tampered();
    }
    List<Link> found = jdbc.query("select * from appraisal_customer_link where link_id = ?" + (lock ? " for update" : ""),
        (rs, n) -> new Link(rs.getString("link_id"), rs.getLong("appraisal_id"), rs.getString("customer_name"),
            rs.getTimestamp("expires_at").toInstant(),
            rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant()), parts[0]);
    if (found.isEmpty()) {
      throw tampered();
    }
    Link link = found.get(0);
    long expiry = Long.parseLong(parts[1]);
    byte[] expected = sign(link.linkId(), link.appraisalId(), expiry).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))
        || expiry != link.expiresAt().getEpochSecond()) {
      throw tampered();
    }
    if (link.usedAt() != null) {
      throw Refusal.of(409, null, "此評價連結已使用過,每個連結只能使用一次", "This link has already been used.");
    }
    if (!ClockUtil.getCurrentTime().toInstant().isBefore(link.expiresAt())) {
      throw Refusal.of(410, null, "此評價連結已過期,請聯絡我們的客戶關系管理組", "This link has expired.");
    }
    return link;
  }

  public void markUsed(String linkId) {
    jdbc.update("update appraisal_customer_link set used_at = ? where link_id = ? and used_at is null",
        new Timestamp(ClockUtil.getCurrentTime().getTime()), linkId);
  }

  static Refusal tampered() {
    return Refusal.of(403, null, "評價連結無效或已被竄改", "The link is invalid or has been tampered with.");
  }

  String sign(String linkId, long appraisalId, long expiry) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] signature = mac.doFinal((linkId + "." + appraisalId + "." + expiry).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
