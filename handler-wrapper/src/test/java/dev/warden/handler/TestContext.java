package dev.warden.handler;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda context as the runtime client builds it from the /next response headers. */
final class TestContext implements Context {
  static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders-fn:live";
  private final String requestId;

  TestContext(String requestId) {
    this.requestId = requestId;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/orders-fn";
  }

  @Override
  public String getLogStreamName() {
    return "2026/05/01/[$LATEST]abc";
  }

  @Override
  public String getFunctionName() {
    return "orders-fn";
  }

  @Override
  public String getFunctionVersion() {
    return "7";
  }

  @Override
  public String getInvokedFunctionArn() {
    return ARN;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 3000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return null;
  }
}
