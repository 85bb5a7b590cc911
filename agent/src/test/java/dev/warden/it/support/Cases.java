package dev.warden.it.support;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Builds the arguments of parameterized tests: every JDK crossed with every case. */
public final class Cases {
  private Cases() {}

  public static Stream<Arguments> onEveryJdk(List<?> cases) {
    return Jdks.stream().flatMap(jdk -> cases.stream().map(c -> Arguments.of(jdk, c)));
  }

  public static Stream<Arguments> onEveryJdk(Object... cases) {
    return onEveryJdk(List.of(cases));
  }
}
