package dev.warden.handler;

/** Events as Lambda delivers them (shortened from the AWS documentation's samples). */
final class EventSamples {
  private EventSamples() {}

  static final String API_GATEWAY_REST =
      """
      {"resource":"/orders/{id}","path":"/orders/42","httpMethod":"GET",
       "headers":{"Host":"abc123.execute-api.eu-west-1.amazonaws.com","User-Agent":"curl/8.5.0",
                  "X-Forwarded-Proto":"https","X-Forwarded-Port":"443"},
       "multiValueHeaders":{},"queryStringParameters":{"file":"../../etc/passwd"},
       "pathParameters":{"id":"42"},"stageVariables":null,
       "requestContext":{"resourcePath":"/orders/{id}","httpMethod":"GET","stage":"prod",
         "domainName":"abc123.execute-api.eu-west-1.amazonaws.com","requestId":"c6af9ac6",
         "identity":{"sourceIp":"203.0.113.9","userAgent":"curl/8.5.0"}},
       "body":null,"isBase64Encoded":false}
      """;

  static final String API_GATEWAY_HTTP =
      """
      {"version":"2.0","routeKey":"POST /orders","rawPath":"/orders","rawQueryString":"a=1",
       "headers":{"host":"xyz.execute-api.eu-west-1.amazonaws.com","user-agent":"Mozilla/5.0"},
       "requestContext":{"accountId":"123456789012","apiId":"xyz",
         "domainName":"xyz.execute-api.eu-west-1.amazonaws.com",
         "http":{"method":"POST","path":"/orders","protocol":"HTTP/1.1",
                 "sourceIp":"198.51.100.7","userAgent":"Mozilla/5.0"},
         "requestId":"id","routeKey":"POST /orders","stage":"$default"},
       "body":"{}","isBase64Encoded":false}
      """;

  static final String FUNCTION_URL =
      """
      {"version":"2.0","routeKey":"$default","rawPath":"/hook","rawQueryString":"",
       "headers":{"host":"abcdef.lambda-url.eu-west-1.on.aws","user-agent":"Go-http-client/1.1"},
       "requestContext":{"accountId":"anonymous","apiId":"abcdef",
         "domainName":"abcdef.lambda-url.eu-west-1.on.aws","domainPrefix":"abcdef",
         "http":{"method":"PUT","path":"/hook","protocol":"HTTP/1.1",
                 "sourceIp":"192.0.2.1","userAgent":"Go-http-client/1.1"},
         "requestId":"r","routeKey":"$default","stage":"$default"},
       "isBase64Encoded":false}
      """;

  static final String ALB =
      """
      {"requestContext":{"elb":{"targetGroupArn":
         "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/lambda/abc"}},
       "httpMethod":"DELETE","path":"/items/9","queryStringParameters":{},
       "headers":{"host":"lb.example.com","user-agent":"ELB-HealthChecker/2.0",
                  "x-forwarded-for":"192.0.2.44, 10.0.0.1","x-forwarded-proto":"HTTP",
                  "x-forwarded-port":"80"},
       "body":"","isBase64Encoded":false}
      """;

  static final String SQS =
      """
      {"Records":[
        {"messageId":"059f36b4-87a3-44ab-83d2-661975830a7d","receiptHandle":"AQEB",
         "body":"hello","attributes":{},"messageAttributes":{},"md5OfBody":"x",
         "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:orders-queue",
         "awsRegion":"eu-west-1"},
        {"messageId":"2e1424d4-f796-459a-8184-9c92662be6da","receiptHandle":"AQEB",
         "body":"world","attributes":{},"messageAttributes":{},"md5OfBody":"y",
         "eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:orders-queue",
         "awsRegion":"eu-west-1"}]}
      """;

  static final String SNS =
      """
      {"Records":[{"EventVersion":"1.0","EventSubscriptionArn":"arn:aws:sns:eu-west-1:123456789012:alerts:sub",
        "EventSource":"aws:sns",
        "Sns":{"Type":"Notification","MessageId":"95df01b4-ee98-5cb9-9903-4c221d41eb5e",
               "TopicArn":"arn:aws:sns:eu-west-1:123456789012:alerts","Subject":"s",
               "Message":"m","Timestamp":"2026-05-01T12:00:00.000Z"}}]}
      """;

  static final String S3 =
      """
      {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-west-1",
        "eventTime":"2026-05-01T12:00:00.000Z","eventName":"ObjectCreated:Put",
        "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"uploads-bucket",
               "arn":"arn:aws:s3:::uploads-bucket"},
              "object":{"key":"incoming/photo.jpg","size":1024}}}]}
      """;

  static final String EVENTBRIDGE =
      """
      {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"OrderPlaced",
       "source":"com.example.orders","account":"123456789012","time":"2026-05-01T12:00:00Z",
       "region":"eu-west-1","resources":[],"detail":{"orderId":"42"}}
      """;

  static final String SCHEDULED =
      """
      {"version":"0","id":"89d1a02d-5ec7-412e-82f5-13505f849b41","detail-type":"Scheduled Event",
       "source":"aws.events","account":"123456789012","time":"2026-05-01T12:00:00Z",
       "region":"eu-west-1","resources":["arn:aws:events:eu-west-1:123456789012:rule/nightly"],
       "detail":{}}
      """;

  static final String DYNAMODB =
      """
      {"Records":[{"eventID":"1","eventName":"MODIFY","eventVersion":"1.1",
        "eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
        "dynamodb":{"ApproximateCreationDateTime":1.7776E9,"Keys":{"Id":{"N":"101"}},
                    "SequenceNumber":"111","SizeBytes":26,"StreamViewType":"NEW_AND_OLD_IMAGES"},
        "eventSourceARN":"arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2026-05-01T00:00:00.000"}]}
      """;

  static final String KINESIS =
      """
      {"Records":[{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"1",
          "sequenceNumber":"4959","data":"SGVsbG8=","approximateArrivalTimestamp":1545084650.987},
        "eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"shardId-000:4959",
        "eventName":"aws:kinesis:record","awsRegion":"eu-west-1",
        "eventSourceARN":"arn:aws:kinesis:eu-west-1:123456789012:stream/clicks"}]}
      """;

  static final String DIRECT = "{\"orderId\":42,\"action\":\"ship\"}";
}
