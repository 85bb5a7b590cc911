package dev.warden.samples.vulnerable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * {@code GET /tenants/{tenant}/cell}: tells which cell serves a tenant by resolving {@code
 * <tenant>.tenants.internal}. DATA EXFILTRATION THROUGH DNS: the path parameter goes into the name
 * unchecked, so a caller can make the function (and every resolver up the chain, out to the
 * attacker's name server) look up names made of encoded data — a channel that passes firewalls.
 *
 * <p>Handler: {@code dev.warden.samples.vulnerable.TenantLookupHandler}.
 */
public class TenantLookupHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    String tenant = ApiGateway.pathParameter(event, "tenant");
    if (tenant == null) {
      return ApiGateway.response(400, "tenant is required");
    }
    try {
      InetAddress cell = InetAddress.getByName(tenant + ".tenants.internal");
      return ApiGateway.response(200, tenant + " is served by " + cell.getHostAddress());
    } catch (UnknownHostException e) {
      return ApiGateway.response(404, "unknown tenant");
    }
  }
}
