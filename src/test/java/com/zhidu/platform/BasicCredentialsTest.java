package com.zhidu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.zhidu.ZhiduTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The REST credential check remembers passwords it verified, so it must never accept what the identity service
 * would refuse: a changed password, a locked account, a failed attempt on record; and groups follow every change.
 */
@ZhiduTest
class BasicCredentialsTest {

  static final String USER = "credtest";
  static final String PASSWORD = "Zx9!kqVm#2026pw";
  static final String NEW_PASSWORD = "Zx9!kqVm#2027pw";

  @Autowired BasicCredentials credentials;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;

  @BeforeEach
  void createUser() {
    User user = identity.newUser(USER);
    user.setFirstName("憑證");
    user.setLastName("測試");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    identity.createMembership(USER, "sales");
  }

  @AfterEach
  void deleteUser() {
    identity.deleteUser(USER);
  }

  @Test
  void aRememberedPasswordStopsWorkingOnceChanged() {
    assertThat(status(USER, PASSWORD)).isEqualTo(HttpStatus.OK);
    assertThat(status(USER, PASSWORD)).isEqualTo(HttpStatus.OK);

    User user = identity.createUserQuery().userId(USER).singleResult();
    user.setPassword(NEW_PASSWORD);
    identity.saveUser(user);

    assertThat(status(USER, PASSWORD)).isEqualTo(HttpStatus.UNAUTHORIZED);
    identity.unlockUser(USER); // the refused attempt counts, as it always did
    assertThat(status(USER, NEW_PASSWORD)).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aFailedAttemptOrALockIsDecidedByTheIdentityServiceEvenForARememberedPassword() {
    assertThat(credentials.authenticate(USER, PASSWORD)).isPresent();

    assertThat(credentials.authenticate(USER, "wrong")).isEmpty();
    assertThat(attempts()).isEqualTo(1);
    // Right after a failure the account waits out the login delay: the remembered password does not skip it.
    assertThat(credentials.authenticate(USER, PASSWORD)).isEmpty();

    identity.unlockUser(USER);
    assertThat(credentials.authenticate(USER, PASSWORD)).isPresent();
    assertThat(attempts()).isZero();
  }

  @Test
  void groupsAreReadAtEveryRequest() {
    assertThat(credentials.authenticate(USER, PASSWORD).map(Authentication::getGroupIds).orElseThrow())
        .containsExactly("sales");

    identity.createMembership(USER, "legal");
    assertThat(credentials.authenticate(USER, PASSWORD).map(Authentication::getGroupIds).orElseThrow())
        .containsExactlyInAnyOrder("sales", "legal");

    identity.deleteMembership(USER, "sales");
    identity.deleteMembership(USER, "legal");
    assertThat(credentials.authenticate(USER, PASSWORD).map(Authentication::getGroupIds).orElseThrow()).isEmpty();
  }

  @Test
  void unknownUsersAndEmptyPasswordsAreRefused() {
    assertThat(credentials.authenticate("nobody-here", PASSWORD)).isEmpty();
    assertThat(credentials.authenticate(USER, "")).isEmpty();
    assertThat(status("nobody-here", PASSWORD)).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  private HttpStatus status(String user, String password) {
    return HttpStatus.valueOf(rest.withBasicAuth(user, password).getForEntity("/engine-rest/engine/" + engine.getName()
        + "/task?maxResults=1",
        String.class).getStatusCode().value());
  }

  private int attempts() {
    Integer n = jdbc.queryForObject("select ATTEMPTS_ from ACT_ID_USER where ID_ = ?", Integer.class, USER);
    return n == null ? 0 : n;
  }
}
