package dev.ballast.benchmarks.pick;

import io.grpc.Attributes;
import io.grpc.CallOptions;
import io.grpc.ChannelLogger;
import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.EquivalentAddressGroup;
import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Drives gRPC's real {@code round_robin} policy (from the default {@link LoadBalancerRegistry})
 * through its public {@link LoadBalancer} API with a fake {@link LoadBalancer.Helper}: the policy
 * creates one pick-first child per address, each child creates a fake {@link
 * LoadBalancer.Subchannel}, every subchannel reports {@code READY} when asked to connect, and the
 * policy publishes its picker. No channel, transport or socket exists.
 *
 * <p>Not thread-safe while setting up; the resulting picker is as thread-safe as gRPC makes it.
 */
final class GrpcRoundRobinHarness {
  private final SynchronizationContext syncContext =
      new SynchronizationContext(
          (thread, error) -> {
            throw new IllegalStateException("gRPC control plane failed", error);
          });
  private LoadBalancer.@Nullable SubchannelPicker picker;
  private @Nullable ConnectivityState state;

  /** A picker over {@code addresses}, once every subchannel is ready. */
  LoadBalancer.SubchannelPicker start(List<InetSocketAddress> addresses) {
    LoadBalancerProvider provider =
        LoadBalancerRegistry.getDefaultRegistry().getProvider("round_robin");
    if (provider == null) {
      throw new IllegalStateException("round_robin: not registered (expected: grpc-util)");
    }
    LoadBalancer policy = provider.newLoadBalancer(new FakeHelper());
    List<EquivalentAddressGroup> groups = new ArrayList<>();
    for (InetSocketAddress a : addresses) {
      groups.add(new EquivalentAddressGroup(a));
    }
    syncContext.execute(
        () -> {
          Status status =
              policy.acceptResolvedAddresses(
                  LoadBalancer.ResolvedAddresses.newBuilder().setAddresses(groups).build());
          if (!status.isOk()) {
            throw new IllegalStateException("round_robin refused the addresses: " + status);
          }
        });
    LoadBalancer.SubchannelPicker ready = picker;
    if (state != ConnectivityState.READY || ready == null) {
      throw new IllegalStateException("round_robin: " + state + " (expected: READY)");
    }
    return ready;
  }

  /** Arguments for a pick; round robin reads none of them. */
  static LoadBalancer.PickSubchannelArgs pickArgs() {
    MethodDescriptor.Marshaller<byte[]> bytes =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
          }

          @Override
          public byte[] parse(InputStream stream) {
            return new byte[0];
          }
        };
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.newBuilder(bytes, bytes)
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("bench.Bench/Pick")
            .build();
    Metadata headers = new Metadata();
    return new LoadBalancer.PickSubchannelArgs() {
      @Override
      public CallOptions getCallOptions() {
        return CallOptions.DEFAULT;
      }

      @Override
      public Metadata getHeaders() {
        return headers;
      }

      @Override
      public MethodDescriptor<?, ?> getMethodDescriptor() {
        return method;
      }
    };
  }

  private final class FakeHelper extends LoadBalancer.Helper {
    @Override
    public LoadBalancer.Subchannel createSubchannel(LoadBalancer.CreateSubchannelArgs args) {
      return new FakeSubchannel(args);
    }

    @Override
    public ManagedChannel createOobChannel(EquivalentAddressGroup eag, String authority) {
      throw new UnsupportedOperationException("no out-of-band channels in a pick benchmark");
    }

    @Override
    public void updateBalancingState(
        ConnectivityState newState, LoadBalancer.SubchannelPicker newPicker) {
      state = newState;
      picker = newPicker;
    }

    @Override
    public SynchronizationContext getSynchronizationContext() {
      return syncContext;
    }

    @Override
    public String getAuthority() {
      return "bench";
    }

    @Override
    public ChannelLogger getChannelLogger() {
      return SilentLogger.INSTANCE;
    }
  }

  private final class FakeSubchannel extends LoadBalancer.Subchannel {
    private final LoadBalancer.CreateSubchannelArgs args;
    private LoadBalancer.@Nullable SubchannelStateListener listener;
    private boolean connected;

    FakeSubchannel(LoadBalancer.CreateSubchannelArgs args) {
      this.args = args;
    }

    @Override
    public void start(LoadBalancer.SubchannelStateListener stateListener) {
      this.listener = stateListener;
    }

    @Override
    public void requestConnection() {
      LoadBalancer.SubchannelStateListener l = listener;
      if (connected || l == null) {
        return;
      }
      connected = true;
      syncContext.execute(
          () -> {
            l.onSubchannelState(ConnectivityStateInfo.forNonError(ConnectivityState.CONNECTING));
            l.onSubchannelState(ConnectivityStateInfo.forNonError(ConnectivityState.READY));
          });
    }

    @Override
    public void shutdown() {}

    @Override
    public List<EquivalentAddressGroup> getAllAddresses() {
      return args.getAddresses();
    }

    @Override
    public Attributes getAttributes() {
      return args.getAttributes();
    }

    @Override
    public ChannelLogger getChannelLogger() {
      return SilentLogger.INSTANCE;
    }
  }

  private static final class SilentLogger extends ChannelLogger {
    static final SilentLogger INSTANCE = new SilentLogger();

    @Override
    public void log(ChannelLogLevel level, String message) {}

    @Override
    public void log(ChannelLogLevel level, String messageFormat, Object... args) {}
  }
}
