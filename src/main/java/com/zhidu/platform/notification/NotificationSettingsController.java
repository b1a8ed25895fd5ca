package com.zhidu.platform.notification;

import com.zhidu.platform.Refusal;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own notification setting: {@code dailyDigest} true = one mail a day listing open and overdue tasks
 * ({@link DailyDigest}) instead of one mail per task. Only one's own setting can be read or changed.
 * <pre>
 * GET /zhidu/api/me/notification-settings
 * PUT /zhidu/api/me/notification-settings   {"dailyDigest": true}
 * </pre>
 */
@RestController
@RequestMapping("/zhidu/api/me/notification-settings")
public class NotificationSettingsController {

  public record Settings(Boolean dailyDigest) {}

  private final IdentityService identity;
  private final DigestSettings settings;

  public NotificationSettingsController(IdentityService identity, DigestSettings settings) {
    this.identity = identity;
    this.settings = settings;
  }

  @GetMapping
  public Settings get() {
    return new Settings(settings.wantsDigest(user()));
  }

  @PutMapping
  public Settings put(@RequestBody(required = false) Settings body) {
    if (body == null || body.dailyDigest() == null) {
      throw Refusal.of(400, "dailyDigest", "請選擇是否改為每日摘要（true 或 false）", "dailyDigest must be true or false.");
    }
    settings.set(user(), body.dailyDigest());
    return get();
  }

  private String user() {
    Authentication auth = identity.getCurrentAuthentication();
    if (auth == null) {
      throw Refusal.of(401, null, "請先登入", "Authentication required");
    }
    return auth.getUserId();
  }
}
