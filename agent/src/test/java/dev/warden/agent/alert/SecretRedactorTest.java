package dev.warden.agent.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.agent.model.Alert;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEHIaCXVzLWVhc3QtMSJHMEUCIQ+abc=";

  private final SecretRedactor redactor =
      new SecretRedactor(
          Map.of(
              "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
              "AWS_SESSION_TOKEN", SESSION_TOKEN,
              "AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
              "db_password", "correct-horse-battery",
              "GITHUB_TOKEN", "short",
              "AWS_REGION", "us-east-1-not-secret",
              "HOME_DIRECTORY", "/home/sbx_user1051"));

  @Test
  void secretEnvironmentValueInsideACommandLineIsReplacedByItsName() {
    String redacted = redactor.redact("curl -s https://x.example/?k=1 -d " + SECRET_KEY + " -v");

    assertEquals("curl -s https://x.example/?k=1 -d [REDACTED:AWS_SECRET_ACCESS_KEY] -v", redacted);
  }

  @Test
  void everySecretNameMarkerIsRecognisedIgnoringCase() {
    for (String name :
        new String[] {
          "MY_SECRET",
          "x_token",
          "Password",
          "DB_PASSWD",
          "GOOGLE_CREDENTIALS",
          "PRIVATE_PEM",
          "STRIPE_API_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SESSION_TOKEN",
          "session_cookie"
        }) {
      assertTrue(SecretRedactor.isSecretName(name), name);
    }
    assertFalse(SecretRedactor.isSecretName("AWS_REGION"));
    assertFalse(SecretRedactor.isSecretName("_HANDLER"));
  }

  @Test
  void variablesThatAreNotSecretsOrTooShortAreLeftAlone() {
    String text = "us-east-1-not-secret /home/sbx_user1051 short";

    assertSame(text, redactor.redact(text));
  }

  @Test
  void urlEncodedSecretValueIsRedactedToo() {
    String redacted =
        redactor.redact(
            "https://evil.example/c?d=IQoJb3JpZ2luX2VjEHIaCXVzLWVhc3QtMSJHMEUCIQ%2Babc%3D");

    assertEquals("https://evil.example/c?d=[REDACTED:AWS_SESSION_TOKEN]", redacted);
  }

  @Test
  void awsAccessKeyIdIsRedactedFromTheEnvironmentAndByItsShape() {
    SecretRedactor noEnvironment = new SecretRedactor(Map.of());

    assertEquals(
        "aws --key [REDACTED:AWS_ACCESS_KEY_ID]",
        redactor.redact("aws --key AKIAIOSFODNN7EXAMPLE"));
    assertEquals("id=[REDACTED] other", noEnvironment.redact("id=ASIAZZZZZZZZZZZZZZZZ other"));
  }

  @Test
  void inlinePasswordFlagsAreRedactedWhateverTheValue() {
    SecretRedactor noEnvironment = new SecretRedactor(Map.of());

    assertEquals(
        "mysql --user=app --password=[REDACTED] -h db",
        noEnvironment.redact("mysql --user=app --password=hunter2 -h db"));
    assertEquals(
        "pg_dump --db-password [REDACTED] x",
        noEnvironment.redact("pg_dump --db-password hunter2 x"));
  }

  @Test
  void secretQueryAndArgumentValuesAreRedacted() {
    SecretRedactor noEnvironment = new SecretRedactor(Map.of());

    assertEquals(
        "https://api.example/v1?user=bob&password=[REDACTED]&token=[REDACTED]&page=2",
        noEnvironment.redact("https://api.example/v1?user=bob&password=p4ss&token=t0k&page=2"));
    assertEquals(
        "tool secret=[REDACTED] api_key=[REDACTED] author=alice",
        noEnvironment.redact("tool secret=s3cr3t api_key=abc123 author=alice"));
    assertEquals(
        "s3://b/k?X-Amz-Security-Token=[REDACTED]&X-Amz-Signature=[REDACTED]",
        noEnvironment.redact("s3://b/k?X-Amz-Security-Token=FwoGZX&X-Amz-Signature=9f3a"));
    assertEquals(
        "{\"password\": \"[REDACTED]\"}", noEnvironment.redact("{\"password\": \"hunter2\"}"));
  }

  @Test
  void bearerTokensAndAuthorizationHeadersAreRedacted() {
    SecretRedactor noEnvironment = new SecretRedactor(Map.of());

    assertEquals(
        "curl -H 'Authorization: Bearer [REDACTED]' https://api.example",
        noEnvironment.redact(
            "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' https://api.example"));
    assertEquals(
        "Authorization: Basic [REDACTED]",
        noEnvironment.redact("Authorization: Basic dXNlcjpwYXNz"));
    assertEquals("x-api-key: [REDACTED]", noEnvironment.redact("x-api-key: abcdef123456"));
    assertEquals(
        "sent bearer [REDACTED] away", noEnvironment.redact("sent bearer abcdefgh12345678 away"));
  }

  @Test
  void passwordInUrlUserInfoIsRedactedAndTheUserKept() {
    SecretRedactor noEnvironment = new SecretRedactor(Map.of());

    assertEquals(
        "postgres://app:[REDACTED]@db.internal:5432/orders",
        noEnvironment.redact("postgres://app:s3cr3t@db.internal:5432/orders"));
  }

  @Test
  void pemPrivateKeyBodyIsRedacted() {
    SecretRedactor noEnvironment = new SecretRedactor(Map.of());

    String redacted =
        noEnvironment.redact(
            "echo '-----BEGIN RSA PRIVATE KEY-----\n"
                + "MIIEow\n"
                + "IBAAKC\n"
                + "-----END RSA PRIVATE KEY-----'");

    assertEquals(
        "echo '-----BEGIN RSA PRIVATE KEY-----[REDACTED]-----END RSA PRIVATE KEY-----'", redacted);
  }

  @Test
  void ordinaryTargetsAreNotTouched() {
    SecretRedactor noEnvironment = new SecretRedactor(Map.of());

    for (String target :
        new String[] {
          "auth.example.com:443",
          "secretsmanager.us-east-1.amazonaws.com:443",
          "/var/task/config/token-service.properties",
          "/usr/bin/convert in.png out.png",
          "the bearer of bad news",
          "ssh://git@github.com/org/repo"
        }) {
      assertSame(target, noEnvironment.redact(target), target);
    }
  }

  @Test
  void redactReplacesSecretsInTargetRequestedTargetAndMessageOnly() {
    Alert alert =
        TestAlerts.withStrings(
            "sh -c echo correct-horse-battery",
            "sh -c echo correct-horse-battery ",
            "command line carries correct-horse-battery");

    Alert redacted = redactor.redact(alert);

    assertEquals("sh -c echo [REDACTED:db_password]", redacted.target());
    assertEquals("sh -c echo [REDACTED:db_password] ", redacted.requestedTarget());
    assertEquals("command line carries [REDACTED:db_password]", redacted.message());
    assertEquals(TestAlerts.withoutTexts(alert), TestAlerts.withoutTexts(redacted));
  }

  @Test
  void alertWithoutSecretsIsReturnedAsIs() {
    Alert alert = TestAlerts.shellAlert("/bin/sh -c id", "inv-1");

    assertSame(alert, redactor.redact(alert));
  }

  @Test
  void theLongerOfTwoOverlappingSecretsWins() {
    SecretRedactor overlapping =
        new SecretRedactor(Map.of("A_TOKEN", "abcdefgh", "B_TOKEN", "abcdefgh-and-more"));

    assertEquals("x [REDACTED:B_TOKEN] y", overlapping.redact("x abcdefgh-and-more y"));
  }

  @Test
  void megabyteCommandLineIsCutAndRedactedQuickly() {
    SecretRedactor noEnvironment = new SecretRedactor(Map.of());
    String nasty = "token".repeat(200_000) + " " + "a.".repeat(200_000) + "password";

    String redacted =
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> noEnvironment.redact(nasty));

    assertTrue(redacted.length() < SecretRedactor.MAX_TEXT_CHARS + 32, "" + redacted.length());
    assertTrue(redacted.endsWith(" more chars]"), redacted.substring(redacted.length() - 40));
  }

  @Test
  void secretStraddlingTheCutLeavesNoPrefixBehind() {
    String before = "x".repeat(SecretRedactor.MAX_TEXT_CHARS - 10);
    String text = before + " " + SECRET_KEY + " " + "y".repeat(10_000);

    String redacted = redactor.redact(text);

    assertFalse(redacted.contains(SECRET_KEY.substring(0, 8)), redacted.substring(before.length()));
    assertTrue(redacted.startsWith(before + " [REDACTED..."), redacted.substring(before.length()));
  }

  @Test
  void inlinePasswordStraddlingTheCutLeavesNoPrefixBehind() {
    String before = "x".repeat(SecretRedactor.MAX_TEXT_CHARS - 12);
    String text = before + " --password=hunter2hunter2 " + "y".repeat(10_000);

    String redacted = new SecretRedactor(Map.of()).redact(text);

    assertFalse(redacted.contains("hunter"), redacted.substring(before.length()));
  }
}
