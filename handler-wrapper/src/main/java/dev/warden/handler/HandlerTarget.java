package dev.warden.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.warden.handler.event.MiniJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The function's handler named {@code pkg.Class::method} or {@code pkg.Class}, in every form the
 * Java runtime accepts: {@link RequestStreamHandler}, {@link RequestHandler}, and public POJO
 * methods (inherited ones too) taking {@code (InputStream, OutputStream[, Context])}, {@code (T[,
 * Context])} or {@code ()}, static or not. Among overloads the one with the most parameters wins.
 *
 * <p>Input {@code T}: {@code InputStream}, {@code byte[]}, {@code String}, {@code Map}/{@code
 * List}/ {@code Object}, boxed numbers and booleans are read with a JDK-only JSON reader; any other
 * type through the function's own {@code aws-lambda-java-serialization} (what the runtime uses) if
 * it is on the class path, else its Jackson {@code ObjectMapper}. Output is written back the same
 * way.
 */
final class HandlerTarget {
  private final Object instance;
  private final Method method;
  private final Form form;
  private final Type inputType;
  private final ClassLoader loader;

  enum Form {
    STREAM,
    INPUT,
    NO_INPUT
  }

  private HandlerTarget(Object instance, Method method, Form form, Type inputType, ClassLoader l) {
    this.instance = instance;
    this.method = method;
    this.form = form;
    this.inputType = inputType;
    this.loader = l;
  }

  static HandlerTarget resolve(String spec, ClassLoader loader)
      throws ReflectiveOperationException {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException(
          "WARDEN_HANDLER is not set: set it to the function's handler, pkg.Class::method or"
              + " pkg.Class");
    }
    String className = spec.trim();
    String methodName = null;
    int sep = className.indexOf("::");
    if (sep >= 0) {
      methodName = className.substring(sep + 2);
      className = className.substring(0, sep);
    }
    Class<?> type = Class.forName(className, true, loader);
    if (methodName == null || methodName.equals("handleRequest")) {
      if (RequestStreamHandler.class.isAssignableFrom(type)) {
        Method m =
            type.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
        return new HandlerTarget(newInstance(type), m, Form.STREAM, null, loader);
      }
      if (RequestHandler.class.isAssignableFrom(type)) {
        Type input = requestHandlerInput(type);
        Method m = type.getMethod("handleRequest", Object.class, Context.class);
        return new HandlerTarget(newInstance(type), m, Form.INPUT, input, loader);
      }
      if (methodName == null) {
        throw new IllegalArgumentException(
            spec
                + ": the class implements neither RequestHandler nor RequestStreamHandler; name"
                + " the method as pkg.Class::method");
      }
    }
    String name = methodName;
    Method m =
        Arrays.stream(type.getMethods())
            .filter(c -> c.getName().equals(name) && !c.isBridge() && accepted(c))
            .max(
                Comparator.comparingInt(Method::getParameterCount)
                    .thenComparing(c -> lastIsContext(c) ? 1 : 0))
            .orElseThrow(
                () ->
                    new NoSuchMethodException(
                        spec
                            + ": no public method "
                            + name
                            + " taking (InputStream, OutputStream[, Context]), (T[, Context])"
                            + " or ()"));
    Object target = Modifier.isStatic(m.getModifiers()) ? null : newInstance(type);
    Class<?>[] p = m.getParameterTypes();
    if (p.length >= 2 && p[0] == InputStream.class && p[1] == OutputStream.class) {
      return new HandlerTarget(target, m, Form.STREAM, null, loader);
    }
    if (p.length == 0) {
      return new HandlerTarget(target, m, Form.NO_INPUT, null, loader);
    }
    return new HandlerTarget(target, m, Form.INPUT, m.getGenericParameterTypes()[0], loader);
  }

  private static boolean accepted(Method m) {
    Class<?>[] p = m.getParameterTypes();
    return switch (p.length) {
      case 0, 1 -> true;
      case 2 -> p[1] == Context.class || (p[0] == InputStream.class && p[1] == OutputStream.class);
      case 3 -> p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class;
      default -> false;
    };
  }

  private static boolean lastIsContext(Method m) {
    Class<?>[] p = m.getParameterTypes();
    return p.length > 0 && p[p.length - 1] == Context.class;
  }

  private static Object newInstance(Class<?> type) throws ReflectiveOperationException {
    var constructor = type.getDeclaredConstructor();
    constructor.setAccessible(true);
    return constructor.newInstance();
  }

  /** The {@code I} of {@code RequestHandler<I, O>}, following superclasses and interfaces. */
  private static Type requestHandlerInput(Class<?> type) {
    Type found = findTypeArgument(type, RequestHandler.class);
    return found != null ? found : Object.class;
  }

  private static Type findTypeArgument(Type type, Class<?> target) {
    Class<?> raw =
        type instanceof Class<?> c
            ? c
            : type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : null;
    if (raw == null) {
      return null;
    }
    if (type instanceof ParameterizedType pt && raw == target) {
      Type arg = pt.getActualTypeArguments()[0];
      return arg instanceof TypeVariable<?> ? Object.class : arg;
    }
    for (Type i : raw.getGenericInterfaces()) {
      Type t = findTypeArgument(i, target);
      if (t != null) {
        return t;
      }
    }
    return raw.getGenericSuperclass() == null
        ? null
        : findTypeArgument(raw.getGenericSuperclass(), target);
  }

  Form form() {
    return form;
  }

  /** Converts the event for the handler; null for stream and no-input handlers. */
  Object input(byte[] event) throws IOException {
    return form == Form.INPUT ? fromJson(event) : null;
  }

  /**
   * Calls the handler: a stream handler gets a fresh stream over {@code event}, others {@code
   * input}. Exceptions of the handler propagate unchanged.
   */
  void invoke(byte[] event, Object input, OutputStream out, Context context) throws IOException {
    Class<?>[] p = method.getParameterTypes();
    Object[] args = new Object[p.length];
    switch (form) {
      case STREAM -> {
        args[0] = new ByteArrayInputStream(event);
        args[1] = out;
        if (p.length == 3) {
          args[2] = context;
        }
      }
      case INPUT -> {
        args[0] = input;
        if (p.length == 2) {
          args[1] = context;
        }
      }
      case NO_INPUT -> {}
    }
    Object result;
    try {
      result = method.invoke(instance, args);
    } catch (InvocationTargetException e) {
      throw HandlerTarget.<RuntimeException>sneaky(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("handler not accessible: " + method, e);
    }
    if (form != Form.STREAM && method.getReturnType() != void.class) {
      writeJson(result, out);
    }
  }

  private Object fromJson(byte[] event) throws IOException {
    Class<?> raw =
        inputType instanceof Class<?> c
            ? c
            : inputType instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : Object.class;
    if (raw == InputStream.class) {
      return new ByteArrayInputStream(event);
    }
    if (raw == byte[].class) {
      return event.clone();
    }
    if (raw == String.class) {
      Object v = MiniJson.parseOrNull(event);
      return v instanceof String s ? s : new String(event, StandardCharsets.UTF_8);
    }
    if (raw == Object.class
        || raw == Map.class
        || raw == List.class
        || raw == Boolean.class
        || Number.class.isAssignableFrom(raw)
        || (raw.isPrimitive() && raw != void.class)) {
      Object v = event.length == 0 ? null : MiniJson.parse(event);
      return coerce(v, raw);
    }
    Object serializer = lambdaSerializer(raw);
    if (serializer != null) {
      try {
        return serializer
            .getClass()
            .getMethod("fromJson", InputStream.class)
            .invoke(serializer, new ByteArrayInputStream(event));
      } catch (ReflectiveOperationException e) {
        throw new IOException("cannot deserialise the event as " + raw.getName(), e);
      }
    }
    Object mapper = jacksonMapper();
    if (mapper != null) {
      try {
        return mapper
            .getClass()
            .getMethod("readValue", byte[].class, Class.class)
            .invoke(mapper, event, raw);
      } catch (ReflectiveOperationException e) {
        throw new IOException("cannot deserialise the event as " + raw.getName(), e);
      }
    }
    throw new IOException(
        "cannot deserialise the event as "
            + raw.getName()
            + ": put aws-lambda-java-serialization or Jackson on the function's class path, or"
            + " take String, Map, byte[] or InputStream");
  }

  private static Object coerce(Object v, Class<?> raw) {
    if (v instanceof Number n) {
      if (raw == Integer.class || raw == int.class) {
        return n.intValue();
      }
      if (raw == Long.class || raw == long.class) {
        return n.longValue();
      }
      if (raw == Double.class || raw == double.class) {
        return n.doubleValue();
      }
      if (raw == Float.class || raw == float.class) {
        return n.floatValue();
      }
    }
    return v;
  }

  private void writeJson(Object result, OutputStream out) throws IOException {
    if (result == null
        || result instanceof String
        || result instanceof Number
        || result instanceof Boolean
        || result instanceof Map<?, ?>
        || result instanceof Iterable<?>) {
      out.write(MiniJson.write(result).getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (result instanceof byte[] bytes) {
      out.write(bytes);
      return;
    }
    Object serializer = lambdaSerializer(result.getClass());
    try {
      if (serializer != null) {
        serializer
            .getClass()
            .getMethod("toJson", Object.class, OutputStream.class)
            .invoke(serializer, result, out);
        return;
      }
      Object mapper = jacksonMapper();
      if (mapper != null) {
        out.write(
            (byte[])
                mapper
                    .getClass()
                    .getMethod("writeValueAsBytes", Object.class)
                    .invoke(mapper, result));
        return;
      }
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot serialise the result " + result.getClass().getName(), e);
    }
    out.write(MiniJson.write(result.toString()).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code aws-lambda-java-serialization}: events get the runtime's mixins, POJOs its Jackson. */
  private Object lambdaSerializer(Class<?> type) {
    try {
      if (type.getName().startsWith("com.amazonaws.services.lambda.runtime.events.")) {
        Class<?> events =
            Class.forName(
                "com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers",
                true,
                loader);
        return events
            .getMethod("serializerFor", Class.class, ClassLoader.class)
            .invoke(null, type, loader);
      }
      Class<?> factory =
          Class.forName(
              "com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory",
              true,
              loader);
      Object instance = factory.getMethod("getInstance").invoke(null);
      return factory.getMethod("getSerializer", Class.class).invoke(instance, type);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  private Object jacksonMapper() {
    try {
      Class<?> mapperClass =
          Class.forName("com.fasterxml.jackson.databind.ObjectMapper", true, loader);
      Object mapper = mapperClass.getConstructor().newInstance();
      Class<?> feature =
          Class.forName("com.fasterxml.jackson.databind.DeserializationFeature", true, loader);
      @SuppressWarnings({"unchecked", "rawtypes"})
      Object failOnUnknown = Enum.valueOf((Class) feature, "FAIL_ON_UNKNOWN_PROPERTIES");
      mapperClass
          .getMethod("configure", feature, boolean.class)
          .invoke(mapper, failOnUnknown, false);
      return mapper;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
