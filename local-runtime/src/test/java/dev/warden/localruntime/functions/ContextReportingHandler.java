package dev.warden.localruntime.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Reports what reached it: the event, the Context, the trace property and the environment. */
public class ContextReportingHandler implements RequestHandler<Map<String, Object>, String> {
  private static int invocations;

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    invocations++;
    System.out.println("handling " + context.getAwsRequestId());
    String custom =
        context.getClientContext() == null
            ? ""
            : String.valueOf(context.getClientContext().getCustom().get("tenant"));
    String identity =
        context.getIdentity() == null ? "" : String.valueOf(context.getIdentity().getIdentityId());
    return String.join(
        "\n",
        "name=" + event.get("name"),
        "requestId=" + context.getAwsRequestId(),
        "remainingMillis=" + context.getRemainingTimeInMillis(),
        "arn=" + context.getInvokedFunctionArn(),
        "functionName=" + context.getFunctionName(),
        "memory=" + context.getMemoryLimitInMB(),
        "trace=" + System.getProperty("com.amazonaws.xray.traceHeader"),
        "clientContextTenant=" + custom,
        "identity=" + identity,
        "invocations=" + invocations,
        "pid=" + ProcessHandle.current().pid(),
        "userDir=" + System.getProperty("user.dir"),
        "env.AWS_EXECUTION_ENV=" + System.getenv("AWS_EXECUTION_ENV"),
        "env.AWS_LAMBDA_RUNTIME_API=" + System.getenv("AWS_LAMBDA_RUNTIME_API"),
        "env.TZ=" + System.getenv("TZ"),
        "env.AWS_REGION=" + System.getenv("AWS_REGION"),
        "env.WARDEN_MODE=" + System.getenv("WARDEN_MODE"),
        "env.JAVA_TOOL_OPTIONS=" + System.getenv("JAVA_TOOL_OPTIONS"),
        "env.LAMBDA_TASK_ROOT=" + System.getenv("LAMBDA_TASK_ROOT"),
        "env.NOT_PASSED=" + System.getenv("WARDEN_LOCAL_RUNTIME_TEST_LEAK"),
        "prop.fromToolOptions=" + System.getProperty("local.runtime.test"));
  }
}
