package dev.warden.agent.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AgentLogTest {
  @Test
  void lineHasPrefixLevelAndMessageAndNoInnerLineBreaks() {
    assertEquals(
        "[warden] warn policy /var/task/p.json line 3: bad  value\n",
        AgentLog.format("warn", "policy /var/task/p.json line 3: bad\r\nvalue"));
  }

  @Test
  void nullMessageIsWrittenAsNull() {
    assertEquals("[warden] info null\n", AgentLog.format("info", null));
  }
}
