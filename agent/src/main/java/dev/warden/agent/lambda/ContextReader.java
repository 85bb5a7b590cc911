package dev.warden.agent.lambda;

import java.lang.reflect.Method;

/**
 * Reads a Lambda {@code Context} through its public interface by reflection: the type belongs to
 * the function's class loader, which the agent's code cannot link against.
 */
final class ContextReader {
  static final String CONTEXT_INTERFACE = "com.amazonaws.services.lambda.runtime.Context";

  /** Per class, looked up once; the JDK's per-class cache, which keeps no class from unloading. */
  private final ClassValue<Class<?>> contextInterfaceOf = new ContextInterfaceOf();

  private final ClassValue<Getters> gettersOf = new GettersOf();

  /** The interface's getters Warden reads, looked up once per interface; a missing one is null. */
  private record Getters(Method requestId, Method functionArn) {
    static Getters of(Class<?> type) {
      return new Getters(find(type, "getAwsRequestId"), find(type, "getInvokedFunctionArn"));
    }

    private static Method find(Class<?> type, String name) {
      Method getter;
      try {
        getter = type.getMethod(name);
      } catch (NoSuchMethodException | RuntimeException missing) {
        return null;
      }
      try {
        // Spares each call the caller-sensitive access check, a stack walk until compiled.
        getter.setAccessible(true);
      } catch (RuntimeException stillCallable) {
        // a public method of a public interface: callable all the same
      }
      return getter;
    }
  }

  /** The Lambda Context interface if {@code value} implements it, else null. */
  Class<?> contextInterface(Object value) {
    if (value == null) {
      return null;
    }
    Class<?> found = contextInterfaceOf.get(value.getClass());
    return found == Void.class ? null : found;
  }

  boolean isContext(Object value) {
    return contextInterface(value) != null;
  }

  InvocationFacts read(Object context, String traceHeader) {
    Class<?> type = contextInterface(context);
    if (type == null) {
      return new InvocationFacts(null, null, traceHeader);
    }
    Getters getters = gettersOf.get(type);
    return new InvocationFacts(
        call(getters.requestId(), context) instanceof String requestId ? requestId : null,
        call(getters.functionArn(), context) instanceof String arn ? arn : null,
        traceHeader);
  }

  private static Object call(Method getter, Object target) {
    if (getter == null) {
      return null;
    }
    try {
      return getter.invoke(target);
    } catch (ReflectiveOperationException | RuntimeException unavailable) {
      return null;
    }
  }

  private static Class<?> findContextInterface(Class<?> type) {
    for (Class<?> current = type; current != null; current = current.getSuperclass()) {
      for (Class<?> implemented : current.getInterfaces()) {
        if (implemented.getName().equals(CONTEXT_INTERFACE)) {
          return implemented;
        }
        Class<?> inherited = findContextInterface(implemented);
        if (inherited != Void.class) {
          return inherited;
        }
      }
    }
    return Void.class;
  }

  private static final class ContextInterfaceOf extends ClassValue<Class<?>> {
    @Override
    protected Class<?> computeValue(Class<?> type) {
      return findContextInterface(type);
    }
  }

  private static final class GettersOf extends ClassValue<Getters> {
    @Override
    protected Getters computeValue(Class<?> type) {
      return Getters.of(type);
    }
  }
}
