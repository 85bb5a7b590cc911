package dev.warden.localruntime;

/**
 * What a caller of Lambda's Invoke can set besides the event. Each is sent to the function as its
 * Runtime API header when present; absent ones are not sent.
 *
 * @param requestId {@code Lambda-Runtime-Aws-Request-Id}; a random UUID when {@code null}
 * @param traceHeader {@code Lambda-Runtime-Trace-Id}, e.g. {@code
 *     Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}
 * @param clientContext {@code Lambda-Runtime-Client-Context}: JSON with {@code client}, {@code
 *     custom} and {@code env}, as a mobile SDK sends it (already decoded from base64)
 * @param cognitoIdentity {@code Lambda-Runtime-Cognito-Identity}: JSON with {@code
 *     cognitoIdentityId} and {@code cognitoIdentityPoolId}
 */
public record InvokeOptions(
    String requestId, String traceHeader, String clientContext, String cognitoIdentity) {

  private static final InvokeOptions NONE = new InvokeOptions(null, null, null, null);

  /** No headers beyond the ones every invocation has. */
  public static InvokeOptions none() {
    return NONE;
  }

  public InvokeOptions withRequestId(String value) {
    return new InvokeOptions(value, traceHeader, clientContext, cognitoIdentity);
  }

  public InvokeOptions withTraceHeader(String value) {
    return new InvokeOptions(requestId, value, clientContext, cognitoIdentity);
  }

  public InvokeOptions withClientContext(String json) {
    return new InvokeOptions(requestId, traceHeader, json, cognitoIdentity);
  }

  public InvokeOptions withCognitoIdentity(String json) {
    return new InvokeOptions(requestId, traceHeader, clientContext, json);
  }
}
