package dev.warden.agent.hooks;

import dev.warden.agent.hooks.dns.NameLookupHooks;
import dev.warden.agent.hooks.file.JavaIoFileHooks;
import dev.warden.agent.hooks.file.JavaIoOpenHooks;
import dev.warden.agent.hooks.file.NioFileHooks;
import dev.warden.agent.hooks.library.NativeLibraryHooks;
import dev.warden.agent.hooks.network.SocketHooks;
import dev.warden.agent.hooks.process.ProcessStartHooks;
import java.util.ArrayList;
import java.util.List;

/** Every hook the agent installs. A new hook is one file plus one line here. */
public final class HookRegistry {
  private HookRegistry() {}

  public static List<Hook> all() {
    List<Hook> hooks = new ArrayList<>();
    hooks.addAll(ProcessStartHooks.hooks());
    hooks.addAll(JavaIoOpenHooks.hooks());
    hooks.addAll(JavaIoFileHooks.hooks());
    hooks.addAll(NioFileHooks.hooks());
    hooks.addAll(SocketHooks.hooks());
    hooks.addAll(NameLookupHooks.hooks());
    hooks.addAll(NativeLibraryHooks.hooks());
    return hooks;
  }
}
